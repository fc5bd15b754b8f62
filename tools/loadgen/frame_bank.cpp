#include "tools/loadgen/frame_bank.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace tutti::loadgen {

FrameBank::FrameBank(const audio::OpusCustomModes& modes, int frameSamples, int channels,
                     int codedBytes, int voices)
    : voices_(voices),
      framesPerVoice_(audio::kSampleRate / frameSamples),
      codedBytes_(codedBytes),
      bytes_(static_cast<std::size_t>(voices) * static_cast<std::size_t>(framesPerVoice_) *
             static_cast<std::size_t>(codedBytes)) {
    if (voices < 1) {
        throw std::invalid_argument("FrameBank: no voices");
    }
    std::vector<std::int16_t> pcm(static_cast<std::size_t>(frameSamples * channels));
    std::vector<std::uint8_t> scratch(static_cast<std::size_t>(codedBytes));
    // Quiet enough that a few dozen voices summed by the server are not all clipping.
    constexpr double kAmplitude = 0.05 * 32767.0;
    for (int v = 0; v < voices; ++v) {
        audio::OpusEncoder encoder(modes, frameSamples, channels);
        if (!encoder.configure(codedBytes)) {
            throw std::invalid_argument("FrameBank: invalid coded byte count");
        }
        const double step = 2.0 * std::numbers::pi * toneHz(v) / audio::kSampleRate;
        // The stored second is preceded by its own last frames, so the encoder is warmed up
        // on the same signal and the loop joins up as a continuously running encoder's output.
        constexpr int kWarmUpFrames = 32;
        for (int k = -std::min(kWarmUpFrames, framesPerVoice_); k < framesPerVoice_; ++k) {
            const int f = (k + framesPerVoice_) % framesPerVoice_;
            for (int s = 0; s < frameSamples; ++s) {
                const double phase = step * (f * frameSamples + s);
                const double value = kAmplitude * std::sin(phase);
                for (int c = 0; c < channels; ++c) {
                    // The right channel a little softer, so stereo is not two equal copies.
                    const double gain = c == 0 ? 1.0 : 0.7;
                    pcm[static_cast<std::size_t>(s * channels + c)] =
                        static_cast<std::int16_t>(std::lround(value * gain));
                }
            }
            std::uint8_t* out =
                k < 0 ? scratch.data()
                      : bytes_.data() +
                            (static_cast<std::size_t>(v) * framesPerVoice_ + f) * codedBytes;
            if (encoder.encode(pcm.data(), out, codedBytes) != codedBytes) {
                throw std::runtime_error("FrameBank: Opus encode failed");
            }
        }
    }
}

}  // namespace tutti::loadgen
