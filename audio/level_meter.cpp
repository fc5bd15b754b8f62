#include "audio/level_meter.h"

#include <algorithm>
#include <cmath>

namespace tutti::audio {
namespace {

// Only every third frame is inspected: it was a cost saving in the original server and the
// meter values clients see depend on it, so it stays.
constexpr int kFrameStride = 3;
// Below this the decayed level is treated as silence, so the meter does not halve forever.
constexpr double kSilenceFloor = 2.0;

}  // namespace

int LevelMeter::update(const int16_t* pcm, int frames, int channels) {
    // The peak is the most negative sample, negated: int16 goes one step further down than
    // up, which is how a full-scale -32768 reaches the otherwise unused value 9.
    int lowest = 0;
    for (int frame = 0; frame < frames; frame += kFrameStride) {
        for (int c = 0; c < channels; ++c) {
            lowest = std::min(lowest, static_cast<int>(pcm[frame * channels + c]));
        }
    }
    const double level = std::max(static_cast<double>(-lowest), 0.5 * previous_);
    previous_ = level < kSilenceFloor ? 0.0 : level;
    return quantise(level);
}

int LevelMeter::quantise(double level) {
    if (level <= 0.0) {
        return 0;
    }
    // -50..0 dBFS onto 0..8 (one step = 6.25 dB), rounded up so any signal above -50 dBFS shows.
    const double steps = (20.0 * std::log10(level / 32767.0) + 50.0) * 8.0 / 50.0;
    return steps <= 0.0 ? 0 : static_cast<int>(std::ceil(steps));
}

}  // namespace tutti::audio
