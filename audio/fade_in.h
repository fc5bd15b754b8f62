#pragma once

// Gain factor of a newly connected source (PROTOCOL 9.6): rises linearly from 0 to 1 over 3 s
// of *received* audio, so a client that joins mid-song does not blast in at full level, and a
// stream that stalls right after connecting is not at full level before anyone heard it.

#include <cstdint>

#include "audio/opus_codec.h"

namespace tutti::audio {

class FadeIn {
  public:
    static constexpr int64_t kRampSamples = 3 * int64_t{kSampleRate};

    // Back to silence, e.g. when a channel slot gets a new client.
    void reset() { received_ = 0; }

    // Counts the samples of one accepted audio frame (call once the channel is identified).
    void addReceived(int samples) {
        if (samples > 0 && received_ < kRampSamples) {
            received_ += samples;
            if (received_ > kRampSamples) {
                received_ = kRampSamples;
            }
        }
    }

    float factor() const {
        return static_cast<float>(static_cast<double>(received_) /
                                  static_cast<double>(kRampSamples));
    }

    bool complete() const { return received_ >= kRampSamples; }

  private:
    int64_t received_ = 0;
};

}  // namespace tutti::audio
