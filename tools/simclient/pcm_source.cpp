#include "tools/simclient/pcm_source.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "protocol/codec_params.h"

namespace tutti::simclient {

void SilenceSource::fill(std::span<std::int16_t> interleaved, int /*channels*/) {
    std::fill(interleaved.begin(), interleaved.end(), std::int16_t{0});
}

ToneSource::ToneSource(double frequencyHz, double amplitude, bool left, bool right)
    : phaseStep_(2.0 * std::numbers::pi * frequencyHz / protocol::kSampleRate),
      amplitude_(std::clamp(amplitude, 0.0, 1.0)),
      left_(left),
      right_(right) {}

void ToneSource::fill(std::span<std::int16_t> interleaved, int channels) {
    const std::size_t frames = interleaved.size() / static_cast<std::size_t>(channels);
    for (std::size_t i = 0; i < frames; ++i) {
        const auto sample =
            static_cast<std::int16_t>(std::lround(amplitude_ * 32767.0 * std::sin(phase_)));
        phase_ += phaseStep_;
        if (phase_ > 2.0 * std::numbers::pi) {
            phase_ -= 2.0 * std::numbers::pi;  // keeps precision over long runs
        }
        if (channels == 1) {
            interleaved[i] = sample;
        } else {
            interleaved[2 * i] = left_ ? sample : std::int16_t{0};
            interleaved[2 * i + 1] = right_ ? sample : std::int16_t{0};
        }
    }
}

}  // namespace tutti::simclient
