#pragma once

// What the Opus custom codec does to a signal at a given frame size, byte count and encoder
// tuning: segmental SNR of decode(encode(x)) against x, and the encoder's cost per frame.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "audio/opus_codec.h"

namespace tutti::codec_quality {

// Segmental SNR in dB: the mean over 10 ms segments and channels of each segment's SNR, each
// clamped to [kMinSegmentDb, kMaxSegmentDb] so that one near-perfect or one ruined segment does
// not dominate; segments quieter than -60 dBFS in the reference are left out. `reference` and
// `coded` are interleaved, equally long, already aligned.
inline constexpr double kMinSegmentDb = -10.0;
inline constexpr double kMaxSegmentDb = 50.0;
double segmentalSnrDb(const std::vector<int16_t>& reference, const std::vector<int16_t>& coded,
                      int channels);

struct CodecRun {
    int frameSamples = 128;
    int channels = 2;
    int codedBytes = 71;
    audio::EncoderTuning tuning;
};

struct CodecResult {
    double segmentalSnrDb = 0;
    double medianEncodeNs = 0;  // one thread; indicative only on a busy machine
    bool bytesExact = true;     // every frame came out exactly codedBytes long
};

// The decoder's output lags its input by a fixed number of samples for a frame size (the
// codec's delay, independent of bit rate and complexity). Found by cross-correlation.
int codecDelaySamples(const audio::OpusCustomModes& modes, int frameSamples);

// Encodes `signal` frame by frame with a fresh encoder, decodes it with a fresh decoder, aligns
// by `delay` samples and measures. The first 50 ms (the codec settling) are not scored.
CodecResult measureRun(const audio::OpusCustomModes& modes, const std::vector<int16_t>& signal,
                       const CodecRun& run, int delay);

}  // namespace tutti::codec_quality
