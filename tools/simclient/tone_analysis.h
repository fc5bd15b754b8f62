#pragma once

#include <cstdint>
#include <span>

// Measurements on decoded interleaved PCM, to check what a simulated client heard.
namespace tutti::simclient {

// Root mean square of one channel, as a fraction of full scale (0..1).
double rms(std::span<const std::int16_t> interleaved, int channels, int channel);

// Amplitude of the sine component at frequencyHz in one channel, as a fraction of full scale,
// by the Goertzel algorithm. Exact for whole numbers of cycles (1 kHz: multiples of 48 samples);
// close enough otherwise when the stretch spans many cycles.
double toneAmplitude(std::span<const std::int16_t> interleaved, int channels, int channel,
                     double frequencyHz, double sampleRate = 48000.0);

}  // namespace tutti::simclient
