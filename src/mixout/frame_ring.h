#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

namespace tutti::mixout {

// Wait-free single-producer/single-consumer ring of interleaved float sample frames. A frame is
// `width` samples: the stereo mix first, then one sample per channel when per-channel outputs
// are on, so every output moves through the same ring and the same clock alignment. The mix
// thread writes one tick at a time; the device side (JACK callback, ALSA writer) reads in its
// own period size. Nothing allocates after construction.
class FrameRing {
  public:
    FrameRing(std::size_t capacityFramesPowerOfTwo, int width);

    int width() const { return width_; }
    std::size_t capacity() const { return mask_ + 1; }

    // --- producer: all `frames` or nothing (a tick is never split); false when full.
    bool write(const float* interleaved, std::size_t frames);

    // --- consumer
    std::size_t readable() const;
    // Copies up to `frames` frames into `out`, returns how many.
    std::size_t read(float* out, std::size_t frames);
    // Drops the oldest `frames` frames (at most what is there).
    void skip(std::size_t frames);
    // Drops everything queued, e.g. stale audio from before the device went away. Consumer side
    // only (or while no consumer runs).
    void flush();

  private:
    const std::size_t mask_;
    const int width_;
    std::vector<float> samples_;
    alignas(64) std::atomic<std::size_t> head_{0};  // frames written
    alignas(64) std::atomic<std::size_t> tail_{0};  // frames read
};

}  // namespace tutti::mixout
