#pragma once

#include <cstdint>

namespace tutti::engine {

// Where the mix thread hands the session mix for live output (src/mixout implements it). Called
// on the mix thread once per tick while installed; an implementation must not wait, allocate,
// log or do I/O.
class MixOutSink {
  public:
    virtual ~MixOutSink() = default;
    // False: skip this tick entirely (the output is not connected).
    virtual bool beginTick(int frames) = 0;
    // Each decoded input (before the mix) when per-channel outputs are wanted.
    virtual bool wantsChannels() const = 0;
    virtual void channel(int slot, int channels, const float* pcm, int frames) = 0;
    // The tick's session mix, stereo interleaved, in the 16-bit range.
    virtual void endTick(const float* stereoMix, int frames) = 0;
};

}  // namespace tutti::engine
