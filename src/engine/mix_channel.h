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
inline constexpr int kMaxFrameSamples = 128;
inline constexpr int kMaxBlockFactor = 4;
inline constexpr int kMaxCodedBytes = static_cast<int>(kMaxAudioDatagram);
// A tick produces at most two frames for one listener (64-sample frames on a 128-sample tick).
inline constexpr int kMaxFramesPerTick = 2;

// Everything the mix thread keeps for one channel slot. Codec objects for every format are
// created up front, so a client switching format (it does several times while connecting) only
// resets state and never allocates on the mix thread.
struct MixChannel {
    explicit MixChannel(const audio::OpusCustomModes& modes);

    int formatIndex() const { return props.frameSamples == audio::kSmallFrameSamples ? 0 : 1; }
    audio::OpusDecoder& decoder() { return *decoders[formatIndex()][props.channels - 1]; }
    audio::OpusEncoder& encoder() { return *encoders[formatIndex()][props.channels - 1]; }
    // Contributes audio to mixes (possibly concealed) and can be served a mix.
    bool hasFormat() const { return active && hasProps; }
    bool eligibleListener() const { return hasFormat() && identified; }

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

    // Input side. Decoded samples not yet consumed (a 128-sample frame spans two 64-sample
    // ticks), this tick's input as int16 (meters, recorder) and as float in two buffers, the
    // other holding the previous tick for delay panning.
    int decodedFrames = 0;
    std::array<int16_t, 2 * kMaxFrameSamples * 2> decoded{};
    bool hasInput = false;
    bool hadInput = false;
    int inputIndex = 0;
    std::array<int16_t, kMaxTickSamples * 2> inputPcm{};
    std::array<std::array<float, kMaxTickSamples * 2>, 2> input{};
    const float* currentInput() const { return input[inputIndex].data(); }
    const float* previousInput() const { return input[inputIndex ^ 1].data(); }

    // Output side (as a group leader or converging member): the mix accumulated towards the
    // next frame(s), and the frames encoded this tick.
    int mixFrames = 0;
    std::array<int16_t, kMaxFrameSamples * 2> mixPcm{};
    int encodedCount = 0;
    std::array<std::array<uint8_t, kMaxCodedBytes>, kMaxFramesPerTick> encoded{};

    // The datagram being packed (block factor > 1 spans several frames).
    uint8_t outSequence = 0;
    int pendingFrames = 0;
    std::array<uint8_t, kMaxBlockFactor*(kMaxCodedBytes + 1)> pending{};

    // Operator figures: the jitter buffer's counts when this occupant arrived (its statistics
    // run for the slot's lifetime), the datagrams sent to it and its last meter value.
    audio::JitterBufferStats jitterBase;
    uint64_t datagramsSent = 0;
    int lastLevel = 0;

    // This listener's gain and pan for every source slot.
    std::array<float, kMaxChannels> gain{};
    std::array<float, kMaxChannels> pan{};
};

}  // namespace tutti::engine
