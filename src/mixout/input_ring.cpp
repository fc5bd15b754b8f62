#include "src/mixout/input_ring.h"

#include <algorithm>

namespace tutti::mixout {

namespace {
constexpr float kTo16Bit = 32768.0f;  // the engine mixes in the 16-bit range
}

InputRing::InputRing(int tickSamples)
    : tickSamples_(tickSamples),
      ring_(8192, 2),
      aligner_(ring_, 1024, static_cast<std::size_t>(tickSamples), kChunk),
      chunk_(kChunk * 2, 0.0f),
      target_(1024) {}

void InputRing::push(const float* left, const float* right, std::size_t frames) {
    for (std::size_t done = 0; done < frames;) {
        const std::size_t n = std::min(kChunk, frames - done);
        for (std::size_t i = 0; i < n; ++i) {
            chunk_[2 * i] = left[done + i] * kTo16Bit;
            chunk_[2 * i + 1] = right[done + i] * kTo16Bit;
        }
        if (!ring_.write(chunk_.data(), n)) {
            overruns_.fetch_add(1, std::memory_order_relaxed);
        }
        done += n;
    }
}

void InputRing::restart(std::size_t devicePeriod) {
    // One JACK period arrives at once, ticks leave one by one: hold a period and two ticks.
    target_.store(devicePeriod + 2 * static_cast<std::size_t>(tickSamples_),
                  std::memory_order_relaxed);
    restart_.store(true, std::memory_order_release);
}

bool InputRing::pull(float* stereo, int frames) {
    if (restart_.exchange(false, std::memory_order_acq_rel)) {
        aligner_.reset(target_.load(std::memory_order_relaxed));
    }
    aligner_.pull(stereo, static_cast<std::size_t>(frames));
    return aligner_.primed();
}

}  // namespace tutti::mixout
