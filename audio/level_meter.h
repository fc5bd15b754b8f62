#pragma once

// Per-source level for CLM_CHANNEL_LEVEL_LIST (PROTOCOL 9.8): a 0..9 value (clients display
// 0..8) computed from the decoded frame of the tick on which the list is built. The formula is
// reproduced exactly because clients have drawn their meters against it for years; one step
// is 6.25 dB and a peak decays by half (one step, roughly) per list.

#include <cstdint>

namespace tutti::audio {

class LevelMeter {
  public:
    void reset() { previous_ = 0.0; }

    // pcm: `frames` interleaved frames of `channels` (1|2) samples, pre-gain, pre-fade.
    // Returns the value to transmit and remembers the level for the next call's decay.
    int update(const int16_t* pcm, int frames, int channels);

    // The quantisation alone: level 0..32768 -> 0..9.
    static int quantise(double level);

  private:
    double previous_ = 0.0;
};

}  // namespace tutti::audio
