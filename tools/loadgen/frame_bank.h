#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "audio/opus_codec.h"

namespace tutti::loadgen {

// Opus custom frames encoded once at start-up and replayed by every client: one second of a
// sine tone per voice, a different pitch per voice, so the server mixes real, distinct signals
// without the load generator spending an encode per frame.
class FrameBank {
  public:
    // Throws if the codec cannot be created. voices >= 1.
    FrameBank(const audio::OpusCustomModes& modes, int frameSamples, int channels, int codedBytes,
              int voices);

    int voices() const { return voices_; }
    int framesPerVoice() const { return framesPerVoice_; }
    int codedBytes() const { return codedBytes_; }
    // Coded bytes of frame `index` (any value; it wraps) of voice `voice`.
    std::span<const std::uint8_t> frame(int voice, std::uint64_t index) const {
        const auto f =
            static_cast<std::size_t>(index % static_cast<std::uint64_t>(framesPerVoice_));
        const auto offset = (static_cast<std::size_t>(voice) * framesPerVoice_ + f) * codedBytes_;
        return std::span(bytes_).subspan(offset, static_cast<std::size_t>(codedBytes_));
    }
    // Frequency of a voice's tone, in Hz (an integer, so one second loops seamlessly).
    static int toneHz(int voice) { return 220 + 7 * voice; }

  private:
    int voices_;
    int framesPerVoice_;
    int codedBytes_;
    std::vector<std::uint8_t> bytes_;
};

}  // namespace tutti::loadgen
