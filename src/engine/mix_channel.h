#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "audio/fade_in.h"
#include "audio/jitter_buffer.h"
#include "audio/level_meter.h"
#include "audio/opus_codec.h"
#include "src/engine/rt_link.h"
#include "src/engine/transport_props.h"
#include "src/net/peer_address.h"

namespace tutti::engine {

inline constexpr int kMaxTickSamples = 128;
inline constexpr int kMaxBlockFactor = 4;

// Everything the mix thread keeps for one channel slot. Codec objects for every format are
// created up front, so a client switching format (it does several times while connecting) only
// resets state and never allocates on the mix thread.
struct MixChannel {
    MixChannel(const audio::OpusCustomModes& modes);

    audio::OpusDecoder& decoder() {
        return *decoders[props.frameSamples == 64 ? 0 : 1][props.channels - 1];
    }
    audio::OpusEncoder& encoder() {
        return *encoders[props.frameSamples == 64 ? 0 : 1][props.channels - 1];
    }

    bool active = false;
    uint32_t generation = 0;
    net::PeerAddress address;
    bool hasProps = false;
    TransportProps props;
    bool identified = false;

    std::unique_ptr<audio::OpusDecoder> decoders[2][2];  // [64,128][mono,stereo]
    std::unique_ptr<audio::OpusEncoder> encoders[2][2];
    audio::JitterBuffer jitter;
    audio::FadeIn fade;
    audio::LevelMeter level;

    // This tick's decoded input, interleaved in the channel's own channel count.
    bool hasInput = false;
    std::array<float, kMaxTickSamples * 2> input{};
    std::array<int16_t, kMaxTickSamples * 2> inputPcm{};

    // The personal mix being packed into a datagram (block factor > 1 spans several ticks).
    uint8_t outSequence = 0;
    int pendingFrames = 0;
    std::array<uint8_t, kMaxBlockFactor*(kMaxAudioDatagram + 1)> pending{};

    // This listener's gain and pan for every source slot.
    std::array<float, kMaxChannels> gain{};
    std::array<float, kMaxChannels> pan{};
};

}  // namespace tutti::engine
