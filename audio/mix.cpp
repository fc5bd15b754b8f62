#include "audio/mix.h"

#include <cmath>

#include <algorithm>

namespace tutti::audio {

// On x86-64 the hot loops are built twice, for the SSE2 baseline and for AVX2 (8 floats per
// instruction); the loader picks the best one for the CPU once at start-up. Not under
// ThreadSanitizer: the loader runs the (instrumented) resolvers before TSan is initialised.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define TUTTI_MIX_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define TUTTI_MIX_CLONES
#endif

PanGains panGains(float gain, float pan) {
    return PanGains{gain * std::min(0.5f, 1.0f - pan) * 2.0f, gain * std::min(0.5f, pan) * 2.0f};
}

TUTTI_MIX_CLONES
void mixInto(float* dst, int dstChannels, const float* src, int srcChannels, int frames,
             float gainL, float gainR) {
    if (dstChannels == 1) {
        if (srcChannels == 1) {
            for (int i = 0; i < frames; ++i) {
                dst[i] += src[i] * gainL;
            }
        } else {
            const float half = 0.5f * gainL;
            for (int i = 0; i < frames; ++i) {
                dst[i] += (src[2 * i] + src[2 * i + 1]) * half;
            }
        }
        return;
    }
    if (srcChannels == 1) {
        for (int i = 0; i < frames; ++i) {
            dst[2 * i] += src[i] * gainL;
            dst[2 * i + 1] += src[i] * gainR;
        }
    } else {
        for (int i = 0; i < frames; ++i) {
            dst[2 * i] += src[2 * i] * gainL;
            dst[2 * i + 1] += src[2 * i + 1] * gainR;
        }
    }
}

void mixPanned(float* dst, int dstChannels, const float* src, int srcChannels, int frames,
               float gain, float pan) {
    if (dstChannels == 1) {
        mixInto(dst, dstChannels, src, srcChannels, frames, gain, gain);
        return;
    }
    const PanGains gains = panGains(gain, pan);
    mixInto(dst, dstChannels, src, srcChannels, frames, gains.left, gains.right);
}

int delayPanSamples(float pan) {
    return static_cast<int>(std::lround(126.0f * (pan - 0.5f)));
}

void mixDelayPanned(float* dst, const float* src, const float* previous, int srcChannels,
                    int frames, float gain, int delay) {
    const int d = delay < 0 ? -delay : delay;
    const int late = delay > 0 ? 0 : 1;  // output channel that hears the source late
    const int now = 1 - late;
    // The side that is not delayed.
    for (int i = 0; i < frames; ++i) {
        dst[2 * i + now] += src[i * srcChannels + (srcChannels == 2 ? now : 0)] * gain;
    }
    // The delayed side: the first d samples come from the end of the previous frame.
    const int ch = srcChannels == 2 ? late : 0;
    for (int i = 0; i < d; ++i) {
        dst[2 * i + late] += previous[(frames - d + i) * srcChannels + ch] * gain;
    }
    for (int i = d; i < frames; ++i) {
        dst[2 * i + late] += src[(i - d) * srcChannels + ch] * gain;
    }
}

TUTTI_MIX_CLONES
void convertToInt16Saturating(const float* in, int16_t* out, int n) {
    for (int i = 0; i < n; ++i) {
        // Written as two selects so the loop vectorises; the first also catches NaN.
        float x = in[i] >= -32768.0f ? in[i] : -32768.0f;
        x = x <= 32767.0f ? x : 32767.0f;
        out[i] = static_cast<int16_t>(x);  // float -> integer conversion truncates toward zero
    }
}

TUTTI_MIX_CLONES
void int16ToFloat(const int16_t* in, float* out, int n) {
    for (int i = 0; i < n; ++i) {
        out[i] = static_cast<float>(in[i]);
    }
}

}  // namespace tutti::audio
