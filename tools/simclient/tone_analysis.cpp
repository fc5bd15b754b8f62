#include "tools/simclient/tone_analysis.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tutti::simclient {

double rms(std::span<const std::int16_t> interleaved, int channels, int channel) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t i = static_cast<std::size_t>(channel); i < interleaved.size();
         i += static_cast<std::size_t>(channels)) {
        const double x = interleaved[i] / 32768.0;
        sum += x * x;
        ++n;
    }
    return n == 0 ? 0.0 : std::sqrt(sum / static_cast<double>(n));
}

double toneAmplitude(std::span<const std::int16_t> interleaved, int channels, int channel,
                     double frequencyHz, double sampleRate) {
    const double coeff = 2.0 * std::cos(2.0 * std::numbers::pi * frequencyHz / sampleRate);
    double s1 = 0.0;
    double s2 = 0.0;
    std::size_t n = 0;
    for (std::size_t i = static_cast<std::size_t>(channel); i < interleaved.size();
         i += static_cast<std::size_t>(channels)) {
        const double s0 = interleaved[i] / 32768.0 + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
        ++n;
    }
    if (n == 0) {
        return 0.0;
    }
    const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    // A sine of amplitude A over N samples gives power (A N / 2)^2.
    return 2.0 * std::sqrt(std::max(power, 0.0)) / static_cast<double>(n);
}

}  // namespace tutti::simclient
