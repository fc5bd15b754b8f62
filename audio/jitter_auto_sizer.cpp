#include "audio/jitter_auto_sizer.h"

#include <algorithm>
#include <cmath>

#include "audio/opus_codec.h"

namespace tutti::audio {
namespace {

constexpr double kAverageSeconds = 15.0;
constexpr double kShrinkSeconds = 1.5;
constexpr double kHysteresis = 0.1;
// Errors allowed per frame for 128-sample frames; 64-sample frames get half, so the allowed
// number of errors per second is the same for both.
constexpr double kMaxErrorRate128 = 0.0005;
// A bigger buffer must cut the error rate by more than this factor to be worth its latency.
constexpr double kUselessGain = 1.1;

}  // namespace

void JitterAutoSizer::reset(bool sequenceNumbers, int frameSamples) {
    sequenceNumbers_ = sequenceNumbers;
    if (frameSamples <= 0) {
        frameSamples = kNormalFrameSamples;
    }
    const double framesPerSecond = static_cast<double>(kSampleRate) / frameSamples;
    maxErrorRate_ = kMaxErrorRate128 * frameSamples / kNormalFrameSamples;
    slowestAverageWeight_ = 1.0 / (kAverageSeconds * framesPerSecond);
    shrinkWeight_ = 1.0 / (kShrinkSeconds * framesPerSecond);
    for (int i = 0; i < kShadows; ++i) {
        Shadow& shadow = shadows_[static_cast<std::size_t>(i)];
        shadow.window.reset(kMinSize + i);
        shadow.fifo.reset(kMinSize + i);
        shadow.pendingErrors = 0;
        shadow.errorRate = 0.0;
    }
    gets_ = 0;
    smoothedTarget_ = kInitialSize;
    size_ = kInitialSize;
}

void JitterAutoSizer::onPut(std::optional<uint8_t> sequence) {
    for (Shadow& shadow : shadows_) {
        if (sequenceNumbers_ && sequence) {
            shadow.pendingErrors += shadow.window.put(*sequence).dropped;
        } else if (!sequenceNumbers_ && !shadow.fifo.put()) {
            ++shadow.pendingErrors;
        }
    }
}

int JitterAutoSizer::onGet() {
    const bool started =
        sequenceNumbers_ ? shadows_[0].window.started() : shadows_[0].fifo.started();
    if (!started) {
        // Silence before a stream starts says nothing about the network.
        return size_;
    }
    ++gets_;
    // A plain mean while few gets have been seen, so the first seconds already count fully;
    // an exponential average afterwards, so old trouble is forgotten.
    const double weight = std::max(1.0 / static_cast<double>(gets_), slowestAverageWeight_);
    for (Shadow& shadow : shadows_) {
        const bool gotFrame = sequenceNumbers_ ? shadow.window.take() : shadow.fifo.take();
        const int errors = shadow.pendingErrors + (gotFrame ? 0 : 1);
        shadow.pendingErrors = 0;
        shadow.errorRate += weight * (errors - shadow.errorRate);
    }

    const int target = targetSize();
    if (target > size_) {
        size_ = target;
        smoothedTarget_ = target;
    } else {
        smoothedTarget_ += shrinkWeight_ * (target - smoothedTarget_);
        const int candidate = static_cast<int>(std::ceil(smoothedTarget_ - kHysteresis));
        size_ = std::clamp(std::min(size_, candidate), target, kMaxSize);
    }
    return size_;
}

double JitterAutoSizer::errorRate(int size) const {
    if (size < kMinSize || size > kMaxSize) {
        return 0.0;
    }
    return shadows_[static_cast<std::size_t>(size - kMinSize)].errorRate;
}

int JitterAutoSizer::targetSize() const {
    // Some errors hit every size alike (the first frames of a burst pattern find every shadow
    // empty); sizes that do no better than a smaller one would only add latency, so a size
    // within kUselessGain of the best rate counts as good enough.
    double bestRate = shadows_[0].errorRate;
    for (const Shadow& shadow : shadows_) {
        bestRate = std::min(bestRate, shadow.errorRate);
    }
    const double acceptable = std::max(maxErrorRate_, bestRate * kUselessGain);
    for (int i = 0; i < kShadows; ++i) {
        if (shadows_[static_cast<std::size_t>(i)].errorRate <= acceptable) {
            return kMinSize + i;
        }
    }
    return kMaxSize;
}

}  // namespace tutti::audio
