#pragma once

#include <cstdint>

#include "protocol/codec_params.h"

namespace tutti::engine {

// A channel's audio format as its NETW_TRANSPORT_PROPS announced it. It describes both the
// client's stream and the format its personal mix must be sent in.
struct TransportProps {
    int frameSamples = 128;  // 64 (OPUS64) or 128 (OPUS)
    int channels = 1;        // 1 or 2
    int codedBytes = 0;      // Opus bytes per frame, without the sequence byte
    int blockFactor = 1;     // frames per datagram
    bool sequenceNumbers = false;

    int frameBytes() const {
        return static_cast<int>(
            protocol::frameBytesField(static_cast<std::size_t>(codedBytes), sequenceNumbers));
    }
    int datagramBytes() const {
        return static_cast<int>(
            protocol::audioDatagramBytes(static_cast<std::size_t>(frameBytes()), blockFactor));
    }
};

}  // namespace tutti::engine
