#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "protocol/session.h"
#include "src/engine/rt_link.h"
#include "src/engine/transport_props.h"
#include "src/net/peer_address.h"

namespace tutti::server {

// What a client told us about itself (CHANNEL_INFOS).
struct ClientProfile {
    uint16_t country = 0;
    uint32_t instrument = 0;
    uint8_t skill = 0;
    std::string name;
    std::string city;
    bool operator==(const ClientProfile&) const = default;
};

// The control thread's view of one channel slot: the reliable session and everything the
// protocol conversation needs. The mix thread keeps its own, separate state for audio.
struct ControlChannel {
    bool connected = false;
    uint32_t generation = 0;
    net::PeerAddress address;
    protocol::Session session;
    bool identified = false;
    ClientProfile profile;
    std::optional<engine::TransportProps> props;
    std::chrono::steady_clock::time_point connectedAt;
    // Last sign of life for the idle time-out: a level above 0 or a protocol message.
    std::chrono::steady_clock::time_point lastActive;
    // This listener's gains for every source, kept to detect mute / unmute transitions.
    std::array<float, engine::kMaxChannels> gain{};
};

}  // namespace tutti::server
