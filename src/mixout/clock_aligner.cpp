#include "src/mixout/clock_aligner.h"

#include <algorithm>
#include <cstring>

namespace tutti::mixout {

namespace {
// The smoothing weight of one new level reading. The level seen at a pull jumps by up to a tick
// with the phase between the two clocks; averaging over ~64 periods leaves the slow drift.
constexpr double kSmoothing = 1.0 / 64.0;
}  // namespace

ClockAligner::ClockAligner(FrameRing& ring, std::size_t target, std::size_t band,
                           std::size_t maxPeriod)
    : ring_(ring),
      target_(target),
      band_(band),
      maxPeriod_(maxPeriod),
      width_(static_cast<std::size_t>(ring.width())),
      scratch_((maxPeriod + 1) * static_cast<std::size_t>(ring.width()), 0.0f) {}

void ClockAligner::reset() {
    ring_.flush();
    primed_ = false;
}

void ClockAligner::pull(float* out, std::size_t frames) {
    while (frames > 0) {
        const std::size_t n = std::min(frames, maxPeriod_);
        pullChunk(out, n);
        out += n * width_;
        frames -= n;
    }
}

void ClockAligner::pullChunk(float* out, std::size_t frames) {
    std::size_t level = ring_.readable();
    if (!primed_) {
        if (level < target_) {
            std::fill(out, out + frames * width_, 0.0f);
            return;
        }
        // Start exactly at the target: whatever piled up beyond it while the device was
        // silent would otherwise be worked off one frame per period, for many seconds. The
        // listener hears silence turn into sound here, so the jump is not heard.
        ring_.skip(level - target_);
        primed_ = true;
        smoothed_ = static_cast<double>(target_);
        level = target_;
    }
    smoothed_ += (static_cast<double>(level) - smoothed_) * kSmoothing;

    // +1: the device is slower, drop a frame; -1: it is faster, repeat one.
    int correction = 0;
    if (smoothed_ > static_cast<double>(target_ + band_)) {
        correction = 1;
    } else if (smoothed_ < static_cast<double>(target_) - static_cast<double>(band_)) {
        correction = -1;
    }
    if (frames < 3) {
        correction = 0;  // too short to interpolate within
    }
    const std::size_t want = frames + static_cast<std::size_t>(correction + 1) - 1;
    const std::size_t got = ring_.read(scratch_.data(), want);
    if (got < want) {
        // The device wants more than the mix has given: play what there is, then silence, and
        // wait until the ring holds the target again rather than stutter on every period.
        underruns_.fetch_add(1, std::memory_order_relaxed);
        primed_ = false;
        const std::size_t keep = std::min(got, frames);
        std::memcpy(out, scratch_.data(), keep * width_ * sizeof(float));
        std::fill(out + keep * width_, out + frames * width_, 0.0f);
        return;
    }
    if (correction == 0) {
        std::memcpy(out, scratch_.data(), frames * width_ * sizeof(float));
        return;
    }
    corrections_.fetch_add(1, std::memory_order_relaxed);
    smoothed_ -= correction;  // the level moves by the frame we took or gave
    const std::size_t mid = frames / 2;
    const float* in = scratch_.data();
    std::memcpy(out, in, mid * width_ * sizeof(float));
    float* at = out + mid * width_;
    if (correction > 0) {
        // Frames mid and mid+1 become their average.
        for (std::size_t i = 0; i < width_; ++i) {
            at[i] = 0.5f * (in[mid * width_ + i] + in[(mid + 1) * width_ + i]);
        }
        std::memcpy(at + width_, in + (mid + 2) * width_,
                    (frames - mid - 1) * width_ * sizeof(float));
        dropped_.fetch_add(1, std::memory_order_relaxed);
    } else {
        // The average of frames mid-1 and mid goes between them.
        for (std::size_t i = 0; i < width_; ++i) {
            at[i] = 0.5f * (in[(mid - 1) * width_ + i] + in[mid * width_ + i]);
        }
        std::memcpy(at + width_, in + mid * width_, (frames - mid - 1) * width_ * sizeof(float));
        repeated_.fetch_add(1, std::memory_order_relaxed);
    }
}

}  // namespace tutti::mixout
