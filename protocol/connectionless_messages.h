#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "protocol/empty_message.h"
#include "protocol/message_ids.h"
#include "protocol/payload_fields.h"

// Connectionless messages (PROTOCOL.md 7), ids 1000..1999: sent immediately with counter 0 and
// never acknowledged. Same conventions as connection_messages.h.
namespace tutti::protocol {

struct ClmPingMsMsg {
    static constexpr std::uint16_t kId = msgid::kClmPingMs;
    std::uint32_t timeMs = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmPingMsMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmPingMsMsg&) const = default;
};

struct ClmPingMsWithNumClientsMsg {
    static constexpr std::uint16_t kId = msgid::kClmPingMsWithNumClients;
    std::uint32_t timeMs = 0;
    std::uint8_t numClients = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmPingMsWithNumClientsMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmPingMsWithNumClientsMsg&) const = default;
};

using ClmServerFullMsg = EmptyMsg<msgid::kClmServerFull>;

// Registration of servers older than 3.5.9 (no version, so a filtering directory rejects it).
struct ClmRegisterServerMsg {
    static constexpr std::uint16_t kId = msgid::kClmRegisterServer;
    ServerInfo info;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmRegisterServerMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmRegisterServerMsg&) const = default;
};

struct ClmRegisterServerExMsg {
    static constexpr std::uint16_t kId = msgid::kClmRegisterServerEx;
    ServerInfo info;
    std::uint8_t os = 0;
    std::string version;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmRegisterServerExMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmRegisterServerExMsg&) const = default;
};

using ClmUnregisterServerMsg = EmptyMsg<msgid::kClmUnregisterServer>;

// IPv4 addresses are host-order numbers (127.0.0.1 = 0x7F000001), written little-endian.
struct ServerListEntry {
    std::uint32_t ipv4 = 0;
    std::uint16_t port = 0;
    std::uint16_t country = 0;
    std::uint8_t maxClients = 0;
    std::uint8_t permanent = 0;
    std::string name;
    std::string internalAddress;  // always empty in lists Jamulus sends
    std::string city;
    bool operator==(const ServerListEntry&) const = default;
};

struct ClmServerListMsg {
    static constexpr std::uint16_t kId = msgid::kClmServerList;
    std::vector<ServerListEntry> entries;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmServerListMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmServerListMsg&) const = default;
};

using ClmReqServerListMsg = EmptyMsg<msgid::kClmReqServerList>;

struct ClmSendEmptyMessageMsg {
    static constexpr std::uint16_t kId = msgid::kClmSendEmptyMessage;
    std::uint32_t ipv4 = 0;
    std::uint16_t port = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmSendEmptyMessageMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmSendEmptyMessageMsg&) const = default;
};

using ClmEmptyMessageMsg = EmptyMsg<msgid::kClmEmptyMessage>;
using ClmDisconnectionMsg = EmptyMsg<msgid::kClmDisconnection>;

struct ClmVersionAndOsMsg {
    static constexpr std::uint16_t kId = msgid::kClmVersionAndOs;
    std::uint8_t os = 0;
    std::string version;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmVersionAndOsMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmVersionAndOsMsg&) const = default;
};

using ClmReqVersionAndOsMsg = EmptyMsg<msgid::kClmReqVersionAndOs>;

struct ClmConnClientsListMsg {
    static constexpr std::uint16_t kId = msgid::kClmConnClientsList;
    std::vector<ClientListEntry> entries;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmConnClientsListMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmConnClientsListMsg&) const = default;
};

using ClmReqConnClientsListMsg = EmptyMsg<msgid::kClmReqConnClientsList>;

// One meter value (0..15, in practice 0..9) per connected channel in ascending channel order.
// On the wire two per byte, earlier channel in the low nibble, an odd count padded with 0xF in
// the last high nibble; decoding therefore drops a final 0xF high nibble as padding.
struct ClmChannelLevelListMsg {
    static constexpr std::uint16_t kId = msgid::kClmChannelLevelList;
    std::vector<std::uint8_t> levels;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmChannelLevelListMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmChannelLevelListMsg&) const = default;
};

struct ClmRegisterServerRespMsg {
    static constexpr std::uint16_t kId = msgid::kClmRegisterServerResp;
    static constexpr std::uint8_t kRegistered = 0;
    static constexpr std::uint8_t kListFull = 1;
    static constexpr std::uint8_t kVersionTooOld = 2;
    static constexpr std::uint8_t kRequirementsNotFulfilled = 3;
    std::uint8_t status = kRegistered;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmRegisterServerRespMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmRegisterServerRespMsg&) const = default;
};

struct RedServerListEntry {
    std::uint32_t ipv4 = 0;
    std::uint16_t port = 0;
    std::string name;  // u8 byte count on the wire
    bool operator==(const RedServerListEntry&) const = default;
};

struct ClmRedServerListMsg {
    static constexpr std::uint16_t kId = msgid::kClmRedServerList;
    std::vector<RedServerListEntry> entries;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmRedServerListMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmRedServerListMsg&) const = default;
};

// [4.0] feature bits, PROTOCOL.md 7.5.
struct ClmServerFeaturesMsg {
    static constexpr std::uint16_t kId = msgid::kClmServerFeatures;
    std::uint32_t mask = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmServerFeaturesMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmServerFeaturesMsg&) const = default;
};

using ClmReqServerFeaturesMsg = EmptyMsg<msgid::kClmReqServerFeatures>;

struct ClmWelcomeMessageMsg {
    static constexpr std::uint16_t kId = msgid::kClmWelcomeMessage;
    std::string text;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClmWelcomeMessageMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClmWelcomeMessageMsg&) const = default;
};

using ClmReqWelcomeMessageMsg = EmptyMsg<msgid::kClmReqWelcomeMessage>;

}  // namespace tutti::protocol
