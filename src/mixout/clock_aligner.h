#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "src/mixout/frame_ring.h"

namespace tutti::mixout {

// The device side of the ring: follows the device's clock, which runs a little faster or slower
// than the server's tick clock (a few tens to a few hundred ppm), by keeping the ring's fill
// level near a target. When the smoothed level leaves the band around the target it drops or
// repeats one frame in that period, and it does so by interpolation (two neighbours become
// their average, or their average is inserted between them), so the waveform keeps its shape:
// at 200 ppm that is about ten one-sample corrections a second, each a 21 us shift of the
// waveform, which a listener does not hear. A resampler would be smoother still but costs CPU
// on every frame to correct what is almost always inaudible, and drop/repeat adds no latency.
//
// Not thread-safe: one consumer thread calls pull(); counters may be read from anywhere.
class ClockAligner {
  public:
    // `target`: the level to hold, in frames (at least one device period plus two ticks).
    // `band`: how far the smoothed level may stray before a correction (about one tick).
    // `maxPeriod`: the most frames one pull() may ask for without being split.
    ClockAligner(FrameRing& ring, std::size_t target, std::size_t band, std::size_t maxPeriod);

    // Fills `frames` interleaved frames of the ring's width. Before the ring first reaches the
    // target, and after an underrun until it does again, that is silence.
    void pull(float* out, std::size_t frames);
    // Forget the past (after the device came back): flush the ring and prime again. Call only
    // while no pull() runs.
    void reset();
    // The same with a new target (the device's period changed).
    void reset(std::size_t target) {
        target_ = target;
        reset();
    }

    std::size_t target() const { return target_; }
    bool primed() const { return primed_; }
    uint64_t underruns() const { return underruns_.load(std::memory_order_relaxed); }
    uint64_t corrections() const { return corrections_.load(std::memory_order_relaxed); }
    uint64_t framesDropped() const { return dropped_.load(std::memory_order_relaxed); }
    uint64_t framesRepeated() const { return repeated_.load(std::memory_order_relaxed); }

  private:
    void pullChunk(float* out, std::size_t frames);

    FrameRing& ring_;
    std::size_t target_;
    const std::size_t band_;
    const std::size_t maxPeriod_;
    const std::size_t width_;
    std::vector<float> scratch_;  // maxPeriod + 1 frames
    bool primed_ = false;
    double smoothed_ = 0;
    std::atomic<uint64_t> underruns_{0};
    std::atomic<uint64_t> corrections_{0};
    std::atomic<uint64_t> dropped_{0};
    std::atomic<uint64_t> repeated_{0};
};

}  // namespace tutti::mixout
