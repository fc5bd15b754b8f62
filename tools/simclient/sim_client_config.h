#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "protocol/codec_params.h"

namespace tutti::simclient {

// The audio stream a simulated client sends and expects back (PROTOCOL.md 8).
struct SimAudioFormat {
    protocol::Codec codec = protocol::Codec::Opus;  // Opus (128 samples) or Opus64
    int channels = 1;                               // 1 mono, 2 stereo
    int codedBytes = 45;                            // per frame, without the sequence byte
    int blockFactor = 1;                            // frames per datagram: 1, 2 or 4
    // Like a 3.6+ client: switch sequence numbers on once the server reports >= 3.6.0.
    bool sequenceNumbers = true;

    int frameSamples() const { return static_cast<int>(protocol::frameSamples(codec)); }
};

// What the client announces in CHANNEL_INFOS.
struct SimProfile {
    std::string name = "sim";
    std::string city;
    std::uint16_t country = 0;
    std::uint32_t instrument = 0;
    std::uint8_t skill = 0;
};

struct SimClientConfig {
    std::string serverHost = "127.0.0.1";
    std::uint16_t serverPort = 22124;
    std::string bindHost = "127.0.0.1";
    std::uint16_t localPort = 0;  // 0: any free port
    SimAudioFormat format;
    SimProfile profile;
    std::uint16_t jitterBufSize = 21;  // server-side buffer the client asks for; 21 = auto
    bool sendAudio = true;
    // 3.x clients send the obsolete REQ_CHANNEL_LEVEL_LIST (28) on connecting.
    bool sendObsoleteLevelListRequest = true;
    // Decoded audio kept for measuring, per channel; older samples are dropped first.
    std::size_t maxRecordedFrames = 48000 * 30;
};

}  // namespace tutti::simclient
