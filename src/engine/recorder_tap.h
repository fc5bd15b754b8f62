#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "src/engine/spsc_ring.h"

namespace tutti::engine {

// One tick of one stream's decoded audio on its way to the recorder thread.
struct RecordedFrame {
    static constexpr int kMaxSamples = 128 * 2;  // a 128-sample tick in stereo
    static constexpr int16_t kMixSlot = -1;      // the default listener mix (--recordmix)

    uint64_t tick = 0;        // the tap's tick counter: equal ticks were mixed together
    uint32_t generation = 0;  // which occupant of the slot
    int16_t slot = 0;
    uint8_t channels = 1;
    uint16_t frames = 0;  // samples per channel
    std::array<int16_t, kMaxSamples> pcm;
};

// The mix thread's hand-off to the recorder: once per tick it copies every decoded input (and,
// if asked, the default mix) into a preallocated ring. It never waits: a full ring means the
// disk is behind, and the frame is dropped and counted. Switched on and off by the control
// thread with one atomic flag, so recording costs nothing while it is off.
class RecorderTap {
  public:
    RecorderTap(std::size_t ringCapacityPowerOfTwo, bool withMix);

    // --- control thread
    void setEnabled(bool on) { enabled_.store(on, std::memory_order_release); }
    bool enabled() const { return enabled_.load(std::memory_order_acquire); }
    uint64_t droppedFrames() const { return dropped_.load(std::memory_order_relaxed); }
    // The last tick whose frames are all in the ring. A command stamped with it applies after
    // exactly those frames, which orders the control thread's news against the audio.
    uint64_t completedTick() const { return completed_.load(std::memory_order_acquire); }

    // --- mix thread, in this order once per tick after decoding
    bool beginTick();  // false: recording is off, skip the rest
    // `pcm` is the tick's int16 input, `pcmFloat` the same as floats in the 16-bit range.
    void addChannel(int slot, uint32_t generation, int channels, const int16_t* pcm,
                    const float* pcmFloat, int frames);
    void endTick();
    // After endTick(): the tick's default mix (stereo, 16-bit range) when this tap records it
    // and some input came, else nullptr. Live mix out reuses it rather than mixing again.
    const float* lastMix() const { return withMix_ && mixFrames_ > 0 ? mix_.data() : nullptr; }
    bool recordsMix() const { return withMix_; }
    // The default mix's one rule, shared with live mix out: every source at gain 1, centre.
    static void addToDefaultMix(float* stereoMix, const float* pcmFloat, int channels, int frames);

    // --- recorder thread
    SpscRing<RecordedFrame>& ring() { return ring_; }

  private:
    void push(int slot, uint32_t generation, int channels, const int16_t* pcm, int frames);

    SpscRing<RecordedFrame> ring_;
    const bool withMix_;
    std::atomic<bool> enabled_{false};
    std::atomic<uint64_t> dropped_{0};
    std::atomic<uint64_t> completed_{0};
    // Mix-thread state.
    uint64_t tick_ = 0;
    int mixFrames_ = 0;
    std::array<float, RecordedFrame::kMaxSamples> mix_{};
    std::array<int16_t, RecordedFrame::kMaxSamples> mixPcm_{};
};

}  // namespace tutti::engine
