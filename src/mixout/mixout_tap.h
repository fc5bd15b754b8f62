#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

#include "src/engine/mix_out_sink.h"
#include "src/mixout/frame_ring.h"

namespace tutti::mixout {

// The mix thread's side of live mix out: each tick it writes one block of frames (the stereo
// session mix, then one mono sample per channel slot when per-channel outputs are on) into the
// ring. It never waits: no room means the device is behind, and the tick is dropped and counted
// as an overrun. Off while the device is away, so a missing JACK server costs nothing.
class MixOutTap : public engine::MixOutSink {
  public:
    static constexpr int kMaxTick = 128;

    // `perChannelSlots`: 0 for the stereo mix only, else how many channel slots get a column.
    MixOutTap(std::size_t ringFramesPowerOfTwo, int perChannelSlots);

    // --- control thread
    void setEnabled(bool on) { enabled_.store(on, std::memory_order_release); }
    bool enabled() const { return enabled_.load(std::memory_order_acquire); }
    uint64_t overruns() const { return overruns_.load(std::memory_order_relaxed); }
    uint64_t ticks() const { return ticks_.load(std::memory_order_relaxed); }
    int perChannelSlots() const { return slots_; }

    // --- device side
    FrameRing& ring() { return ring_; }

    // --- mix thread (engine::MixOutSink)
    bool beginTick(int frames) override;
    bool wantsChannels() const override { return slots_ > 0; }
    void channel(int slot, int channels, const float* pcm, int frames) override;
    void endTick(const float* stereoMix, int frames) override;

  private:
    FrameRing ring_;
    const int slots_;
    const int width_;
    std::atomic<bool> enabled_{false};
    std::atomic<uint64_t> overruns_{0};
    std::atomic<uint64_t> ticks_{0};
    std::vector<float> block_;  // kMaxTick frames of width_, built here, then written at once
};

}  // namespace tutti::mixout
