#include "tools/codec_quality/quality_signals.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tutti::codec_quality {
namespace {

constexpr double kRate = 48000.0;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

// A fixed linear congruential generator: std::uniform_real_distribution is allowed to differ
// between standard libraries, and the signals must not.
class Noise {
  public:
    explicit Noise(uint32_t seed) : state_(seed) {}
    double next() {  // uniform in [-1, 1)
        state_ = state_ * 1664525u + 1013904223u;
        return static_cast<double>(state_ >> 8) / static_cast<double>(1u << 23) - 1.0;
    }

  private:
    uint32_t state_;
};

// A two-pole resonator (one formant) at `hz` with bandwidth `bw`, unity gain at its peak.
struct Resonator {
    double y1 = 0;
    double y2 = 0;
    double process(double x, double hz, double bw) {
        const double r = std::exp(-std::numbers::pi * bw / kRate);
        const double a1 = 2 * r * std::cos(kTwoPi * hz / kRate);
        const double a2 = -r * r;
        const double y = (1 - r) * x + a1 * y1 + a2 * y2;
        y2 = y1;
        y1 = y;
        return y;
    }
};

// Left and right of one sample, before normalisation.
struct Stereo {
    double left = 0;
    double right = 0;
};

std::vector<Stereo> chord(std::size_t n) {
    std::vector<Stereo> out(n);
    const double notes[3] = {220.0, 277.18, 329.63};  // A3, C#4, E4
    const double pans[3] = {0.2, 0.5, 0.8};           // share of each note on the right
    double phase[3][8] = {};
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / kRate;
        const double swell = 0.6 + 0.4 * std::sin(kTwoPi * 0.5 * t);
        for (int k = 0; k < 3; ++k) {
            // 5.5 Hz vibrato of +-0.5 %, each note slightly out of step with the others.
            const double f = notes[k] * (1.0 + 0.005 * std::sin(kTwoPi * 5.5 * t + k));
            double v = 0;
            for (int h = 0; h < 8; ++h) {
                phase[k][h] += kTwoPi * f * (h + 1) / kRate;
                v += std::sin(phase[k][h]) / (h + 1);
            }
            out[i].left += swell * v * (1 - pans[k]);
            out[i].right += swell * v * pans[k];
        }
    }
    return out;
}

std::vector<Stereo> percussion(std::size_t n) {
    std::vector<Stereo> out(n);
    Noise noise(12345);
    double previousNoise = 0;
    double kickPhase = 0;
    const auto beat = static_cast<std::size_t>(kRate * 0.25);  // 240 bpm of eighths
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t inBeat = i % beat;
        const std::size_t beatIndex = i / beat;
        const double t = static_cast<double>(inBeat) / kRate;
        const double white = noise.next();
        const double hiss = white - previousNoise;  // a first difference: mostly high band
        previousNoise = white;
        double kick = 0;
        double snare = 0;
        if (beatIndex % 2 == 0) {  // kick: 150 -> 50 Hz sweep
            kickPhase += kTwoPi * (50.0 + 100.0 * std::exp(-t / 0.03)) / kRate;
            kick = std::sin(kickPhase) * std::exp(-t / 0.12);
        } else {  // snare: noise burst with a 200 Hz body
            snare = (0.7 * white + 0.5 * std::sin(kTwoPi * 200.0 * t)) * std::exp(-t / 0.05);
        }
        // Hi-hat every eighth and every sixteenth between, short decay.
        const double hatT = static_cast<double>(i % (beat / 2)) / kRate;
        const double hat = 0.35 * hiss * std::exp(-hatT / 0.015);
        out[i].left = kick + 0.8 * snare + 0.3 * hat;
        out[i].right = kick + 0.6 * snare + 0.9 * hat;
    }
    return out;
}

std::vector<Stereo> speech(std::size_t n) {
    std::vector<Stereo> out(n);
    Noise noise(777);
    // Vowel targets (F1, F2, F3): /a/, /i/, /u/, /e/, /o/.
    const double vowels[5][3] = {{730, 1090, 2440},
                                 {270, 2290, 3010},
                                 {300, 870, 2240},
                                 {530, 1840, 2480},
                                 {570, 840, 2410}};
    Resonator formant[3];
    Resonator fricative;
    double glottalPhase = 0;
    double formantHz[3] = {730, 1090, 2440};
    std::vector<double> mono(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / kRate;
        // Intonation: 120 Hz with a slow rise and fall between 100 and 160 Hz.
        const double f0 = 130.0 + 30.0 * std::sin(kTwoPi * 0.7 * t);
        glottalPhase += f0 / kRate;
        double pulse = 0;
        if (glottalPhase >= 1.0) {
            glottalPhase -= 1.0;
            pulse = 1.0;
        }
        // A new vowel every 200 ms; formants glide towards it (a 20 ms time constant).
        const auto syllable = static_cast<std::size_t>(t / 0.2);
        const double* target = vowels[(syllable * 3) % 5];
        for (int k = 0; k < 3; ++k) {
            formantHz[k] += (target[k] - formantHz[k]) / (0.02 * kRate);
        }
        const double voiced = 0.1 * formant[0].process(pulse * 40, formantHz[0], 80) +
                              0.06 * formant[1].process(pulse * 40, formantHz[1], 100) +
                              0.03 * formant[2].process(pulse * 40, formantHz[2], 140);
        // Syllable envelope; the last 40 ms of every second syllable is an /s/-like fricative.
        const double inSyllable = t - 0.2 * static_cast<double>(syllable);
        const double envelope = std::sin(std::numbers::pi * std::min(1.0, inSyllable / 0.16));
        const bool hissing = syllable % 2 == 1 && inSyllable > 0.16;
        const double hiss = hissing ? 0.3 * fricative.process(noise.next(), 6000, 2000) : 0.0;
        mono[i] = envelope * voiced + hiss;
    }
    // A talker slightly left, with a 0.25 ms later, quieter copy on the right.
    for (std::size_t i = 0; i < n; ++i) {
        out[i].left = mono[i];
        out[i].right = 0.7 * (i >= 12 ? mono[i - 12] : 0.0);
    }
    return out;
}

}  // namespace

std::string_view signalName(TestSignal signal) {
    switch (signal) {
        case TestSignal::Chord:
            return "chord";
        case TestSignal::Percussion:
            return "percussion";
        case TestSignal::Speech:
            return "speech";
    }
    return "?";
}

std::vector<int16_t> makeSignal(TestSignal signal, int channels, double seconds) {
    const auto n = static_cast<std::size_t>(std::max(0.0, seconds) * kRate);
    const std::vector<Stereo> raw = signal == TestSignal::Chord        ? chord(n)
                                    : signal == TestSignal::Percussion ? percussion(n)
                                                                       : speech(n);
    double peak = 1e-9;
    for (const Stereo& s : raw) {
        peak = std::max(
            {peak, std::abs(s.left), std::abs(s.right), std::abs(0.5 * (s.left + s.right))});
    }
    const double gain = 16000.0 / peak;  // about -6 dBFS
    const auto c = static_cast<std::size_t>(channels);
    std::vector<int16_t> pcm(n * c);
    for (std::size_t i = 0; i < n; ++i) {
        if (channels == 1) {
            pcm[i] = static_cast<int16_t>(std::lround(gain * 0.5 * (raw[i].left + raw[i].right)));
        } else {
            pcm[i * c] = static_cast<int16_t>(std::lround(gain * raw[i].left));
            pcm[i * c + 1] = static_cast<int16_t>(std::lround(gain * raw[i].right));
        }
    }
    return pcm;
}

}  // namespace tutti::codec_quality
