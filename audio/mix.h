#pragma once

// The arithmetic of a listener's personal mix (PROTOCOL 9.4 and 9.7). Samples are floats in
// the 16-bit range (not normalised to +-1), so a decoded int16 converts exactly and a sum is
// clipped once, at the end. The loops are plain counted loops over contiguous arrays so the
// compiler can vectorise them; nothing here allocates.

#include <cstdint>

namespace tutti::audio {

struct PanGains {
    float left;
    float right;
};

// Left/right gains of a source at gain G and pan p (0 left, 0.5 centre, 1 right) for a stereo
// listener: each side is at full gain until the pan moves away from it, then falls linearly to
// 0 at the far side. Centre is therefore G on both sides, not a -3 dB pan law: clients expect a
// centred source to come back as loud as it was sent, and their level meters and the
// balance-style handling of stereo sources depend on it.
PanGains panGains(float gain, float pan);

// Adds `frames` frames of src (srcChannels 1|2, interleaved) into dst (dstChannels 1|2):
//   mono -> mono:     dst += s * gainL
//   stereo -> mono:   dst += (L + R) / 2 * gainL    (a mono listener hears both sides)
//   mono -> stereo:   dstL += s * gainL, dstR += s * gainR
//   stereo -> stereo: dstL += L * gainL, dstR += R * gainR  (balance: a stereo source keeps
//                     its own image, pan only attenuates one side)
// For a mono listener pan does not apply: pass the plain gain G as gainL (gainR is unused).
void mixInto(float* dst, int dstChannels, const float* src, int srcChannels, int frames,
             float gainL, float gainR);

// mixInto with the gains derived from gain and pan as the listener's channel count requires.
void mixPanned(float* dst, int dstChannels, const float* src, int srcChannels, int frames,
               float gain, float pan);

// Delay panning (PROTOCOL 9.5), stereo listeners only: both sides at full gain, the source is
// placed by delaying the side away from it. delay = delayPanSamples(pan): > 0 delays the left
// output (source to the right), < 0 the right one. `previous` is the source's frame of the
// previous tick (same layout as src, `frames` long), which the delayed side reaches back into;
// |delay| must not exceed frames. Stereo sources delay their own left/right channels.
void mixDelayPanned(float* dst, const float* src, const float* previous, int srcChannels,
                    int frames, float gain, int delay);
// round(126 * (pan - 0.5)): -63 .. +63 samples.
int delayPanSamples(float pan);

// Float mix -> 16-bit samples: saturates to -32768..32767, truncates toward zero (what clients
// have always received; there is no limiter). NaN, which a mix of finite inputs cannot
// produce, maps to -32768 rather than to undefined behaviour.
void convertToInt16Saturating(const float* in, int16_t* out, int n);

void int16ToFloat(const int16_t* in, float* out, int n);

}  // namespace tutti::audio
