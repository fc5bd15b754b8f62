#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "src/engine/external_input.h"
#include "src/mixout/clock_aligner.h"
#include "src/mixout/frame_ring.h"

namespace tutti::mixout {

// The JACK input's way into the mix (--mixoutinput): the JACK callback writes its periods in,
// the mix thread takes one tick per tick. The same clock alignment as the output, the other
// way round: here the mix thread is the consumer that follows the ring's level.
class InputRing : public engine::ExternalInput {
  public:
    explicit InputRing(int tickSamples);

    // --- JACK process callback (producer); JACK's floats, -1..1.
    void push(const float* left, const float* right, std::size_t frames);
    // --- control thread: the device (re)connected with this period; the mix thread starts over.
    void restart(std::size_t devicePeriod);
    uint64_t overruns() const { return overruns_.load(std::memory_order_relaxed); }
    uint64_t underruns() const { return aligner_.underruns(); }
    uint64_t corrections() const { return aligner_.corrections(); }

    // --- mix thread (engine::ExternalInput)
    bool pull(float* stereo, int frames) override;

  private:
    static constexpr std::size_t kChunk = 256;
    const int tickSamples_;
    FrameRing ring_;
    ClockAligner aligner_;
    std::vector<float> chunk_;  // the callback's interleaving scratch
    std::atomic<std::size_t> target_;
    std::atomic<bool> restart_{false};
    std::atomic<uint64_t> overruns_{0};
};

}  // namespace tutti::mixout
