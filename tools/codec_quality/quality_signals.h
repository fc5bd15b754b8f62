#pragma once

// Deterministic musical test signals for judging the Opus custom codec: the same samples on
// every machine and every run, so a quality figure can be compared and tested against a floor.

#include <cstdint>
#include <string_view>
#include <vector>

namespace tutti::codec_quality {

enum class TestSignal {
    Chord,       // three notes with 8 harmonics each, vibrato and a slow swell
    Percussion,  // kick sweeps, noise snares and hi-hats: transients the codec must not smear
    Speech,      // a pulse train through gliding vowel formants, with syllables and fricatives
};

inline constexpr TestSignal kAllSignals[] = {TestSignal::Chord, TestSignal::Percussion,
                                             TestSignal::Speech};

std::string_view signalName(TestSignal signal);

// `seconds` of 48 kHz interleaved audio in `channels` (1 or 2) channels, peaks near -6 dBFS.
// In stereo the two sides differ (panning, a small delay), as a real mix does.
std::vector<int16_t> makeSignal(TestSignal signal, int channels, double seconds);

}  // namespace tutti::codec_quality
