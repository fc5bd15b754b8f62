#pragma once

// Test signals and their measurement: a sine generator, a single-bin DFT and RMS.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace tutti::audio::test {

// One channel of a sine at `frequency` Hz, `amplitude` peak, starting at sample `start`.
inline int16_t sineSample(double frequency, double amplitude, int64_t index) {
    return static_cast<int16_t>(
        std::lround(amplitude * std::sin(2.0 * std::numbers::pi * frequency * index / 48000.0)));
}

// Peak amplitude of the `frequency` component of channel `channel` of interleaved samples.
// Exact for a whole number of periods in the window.
inline double toneAmplitude(const std::vector<int16_t>& pcm, int channels, int channel,
                            double frequency) {
    const double w = 2.0 * std::numbers::pi * frequency / 48000.0;
    double re = 0.0;
    double im = 0.0;
    const std::size_t n = pcm.size() / static_cast<std::size_t>(channels);
    for (std::size_t i = 0; i < n; ++i) {
        const double x =
            pcm[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(channel)];
        re += x * std::cos(w * static_cast<double>(i));
        im -= x * std::sin(w * static_cast<double>(i));
    }
    return 2.0 * std::hypot(re, im) / static_cast<double>(n);
}

// Root mean square of channel `channel`.
inline double rms(const std::vector<int16_t>& pcm, int channels, int channel) {
    double sum = 0.0;
    const std::size_t n = pcm.size() / static_cast<std::size_t>(channels);
    for (std::size_t i = 0; i < n; ++i) {
        const double x =
            pcm[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(channel)];
        sum += x * x;
    }
    return n == 0 ? 0.0 : std::sqrt(sum / static_cast<double>(n));
}

}  // namespace tutti::audio::test
