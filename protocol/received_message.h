#pragma once

#include <cstdint>
#include <vector>

namespace tutti::protocol {

// A complete message delivered by a Session: either a frame's payload or a reassembled split
// message. Owns its bytes because reassembled payloads have no datagram to point into.
struct ReceivedMessage {
    std::uint16_t id = 0;
    std::vector<std::uint8_t> payload;
    bool operator==(const ReceivedMessage&) const = default;
};

}  // namespace tutti::protocol
