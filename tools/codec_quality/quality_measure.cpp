#include "tools/codec_quality/quality_measure.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "tools/codec_quality/quality_signals.h"

namespace tutti::codec_quality {
namespace {

constexpr std::size_t kSegmentSamples = 480;  // 10 ms
constexpr std::size_t kSettleSamples = 2400;  // 50 ms
// -60 dBFS mean power per sample for a 16-bit full scale.
constexpr double kSilentPower = 32768.0 * 32768.0 * 1e-6;

struct Coded {
    std::vector<int16_t> pcm;
    std::vector<int64_t> encodeNs;
    bool bytesExact = true;
};

Coded codeSignal(const audio::OpusCustomModes& modes, const std::vector<int16_t>& signal,
                 const CodecRun& run) {
    audio::OpusEncoder encoder(modes, run.frameSamples, run.channels, run.tuning);
    audio::OpusDecoder decoder(modes, run.frameSamples, run.channels);
    encoder.configure(run.codedBytes);
    const auto frameValues = static_cast<std::size_t>(run.frameSamples * run.channels);
    const std::size_t frames = signal.size() / frameValues;
    Coded out;
    out.pcm.resize(frames * frameValues);
    out.encodeNs.reserve(frames);
    std::vector<uint8_t> packet(static_cast<std::size_t>(run.codedBytes) + 16);
    for (std::size_t f = 0; f < frames; ++f) {
        const auto start = std::chrono::steady_clock::now();
        const int bytes =
            encoder.encode(signal.data() + f * frameValues, packet.data(), run.codedBytes);
        const auto end = std::chrono::steady_clock::now();
        out.encodeNs.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count());
        out.bytesExact = out.bytesExact && bytes == run.codedBytes;
        if (bytes <= 0 || !decoder.decode(packet.data(), bytes, out.pcm.data() + f * frameValues)) {
            decoder.conceal(out.pcm.data() + f * frameValues);
        }
    }
    return out;
}

// Mean of the channels' SNR in dB over the whole signal, for finding the delay.
double plainSnrDb(const std::vector<int16_t>& reference, const std::vector<int16_t>& coded,
                  std::size_t delay, int channels) {
    const auto c = static_cast<std::size_t>(channels);
    const std::size_t n = std::min(reference.size() / c, coded.size() / c - delay);
    double signal = 0;
    double error = 0;
    for (std::size_t i = kSettleSamples; i < n; ++i) {
        for (std::size_t ch = 0; ch < c; ++ch) {
            const double x = reference[i * c + ch];
            const double d = x - coded[(i + delay) * c + ch];
            signal += x * x;
            error += d * d;
        }
    }
    return 10.0 * std::log10((signal + 1e-9) / (error + 1e-9));
}

}  // namespace

double segmentalSnrDb(const std::vector<int16_t>& reference, const std::vector<int16_t>& coded,
                      int channels) {
    const auto c = static_cast<std::size_t>(channels);
    const std::size_t n = std::min(reference.size(), coded.size()) / c;
    double sum = 0;
    int segments = 0;
    for (std::size_t start = 0; start + kSegmentSamples <= n; start += kSegmentSamples) {
        for (std::size_t ch = 0; ch < c; ++ch) {
            double signal = 0;
            double error = 0;
            for (std::size_t i = start; i < start + kSegmentSamples; ++i) {
                const double x = reference[i * c + ch];
                const double d = x - coded[i * c + ch];
                signal += x * x;
                error += d * d;
            }
            if (signal < kSilentPower * kSegmentSamples) {
                continue;
            }
            const double db = 10.0 * std::log10(signal / std::max(error, 1e-9));
            sum += std::clamp(db, kMinSegmentDb, kMaxSegmentDb);
            ++segments;
        }
    }
    return segments == 0 ? 0.0 : sum / segments;
}

int codecDelaySamples(const audio::OpusCustomModes& modes, int frameSamples) {
    // A generous byte count and full effort, so the best alignment stands out clearly.
    const CodecRun run{frameSamples, 1, 160, {10, 0}};
    const std::vector<int16_t> signal = makeSignal(TestSignal::Chord, 1, 0.5);
    const Coded coded = codeSignal(modes, signal, run);
    int best = 0;
    double bestDb = -1e9;
    for (int delay = 0; delay <= 2 * frameSamples + 128; ++delay) {
        const double db = plainSnrDb(signal, coded.pcm, static_cast<std::size_t>(delay), 1);
        if (db > bestDb) {
            bestDb = db;
            best = delay;
        }
    }
    return best;
}

CodecResult measureRun(const audio::OpusCustomModes& modes, const std::vector<int16_t>& signal,
                       const CodecRun& run, int delay) {
    Coded coded = codeSignal(modes, signal, run);
    const auto c = static_cast<std::size_t>(run.channels);
    const auto d = static_cast<std::size_t>(delay) * c;
    const auto settle = kSettleSamples * c;
    CodecResult result;
    result.bytesExact = coded.bytesExact;
    if (coded.pcm.size() > d + settle) {
        const std::vector<int16_t> reference(
            signal.begin() + static_cast<std::ptrdiff_t>(settle),
            signal.begin() + static_cast<std::ptrdiff_t>(coded.pcm.size() - d));
        const std::vector<int16_t> aligned(
            coded.pcm.begin() + static_cast<std::ptrdiff_t>(settle + d), coded.pcm.end());
        result.segmentalSnrDb = segmentalSnrDb(reference, aligned, run.channels);
    }
    if (!coded.encodeNs.empty()) {
        auto middle =
            coded.encodeNs.begin() + static_cast<std::ptrdiff_t>(coded.encodeNs.size() / 2);
        std::nth_element(coded.encodeNs.begin(), middle, coded.encodeNs.end());
        result.medianEncodeNs = static_cast<double>(*middle);
    }
    return result;
}

}  // namespace tutti::codec_quality
