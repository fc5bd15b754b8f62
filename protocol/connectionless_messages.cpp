#include "protocol/connectionless_messages.h"

#include "protocol/field_io.h"
#include "protocol/limits.h"

// Each message's layout once (see field_io.h); encode() and decode() both visit it. The channel
// level list packs nibbles and stays hand-written below.
namespace tutti::protocol {
namespace {

constexpr auto kPingMsFields = [](auto& io, auto& m) { io.u32(m.timeMs); };

constexpr auto kPingMsWithNumClientsFields = [](auto& io, auto& m) {
    io.u32(m.timeMs);
    io.u8(m.numClients);
};

constexpr auto kRegisterServerFields = [](auto& io, auto& m) { kServerInfoFields(io, m.info); };

constexpr auto kRegisterServerExFields = [](auto& io, auto& m) {
    kServerInfoFields(io, m.info);
    io.u8(m.os);
    io.string16(m.version, limits::kVersionText);
};

constexpr auto kServerListFields = [](auto& io, auto& m) {
    io.untilEnd(m.entries, [](auto& io, auto& e) {
        io.u32(e.ipv4);
        kServerInfoFields(io, e);
    });
};

constexpr auto kSendEmptyMessageFields = [](auto& io, auto& m) {
    io.u32(m.ipv4);
    io.u16(m.port);
};

constexpr auto kVersionAndOsFields = [](auto& io, auto& m) {
    io.u8(m.os);
    io.string16(m.version, limits::kVersionText);
};

constexpr auto kClientListFields = [](auto& io, auto& m) {
    io.untilEnd(m.entries, kClientListEntryFields);
};

constexpr auto kRegisterServerRespFields = [](auto& io, auto& m) {
    io.u8(m.status);
    io.require(m.status <= ClmRegisterServerRespMsg::kRequirementsNotFulfilled);
};

constexpr auto kRedServerListFields = [](auto& io, auto& m) {
    io.untilEnd(m.entries, [](auto& io, auto& e) {
        io.u32(e.ipv4);
        io.u16(e.port);
        io.string8(e.name, limits::kServerName);
    });
};

constexpr auto kServerFeaturesFields = [](auto& io, auto& m) { io.u32(m.mask); };

// The spec gives no receive limit for this [4.0] message; we take the chat receive limit, which a
// welcome text (at most 1600) always satisfies.
constexpr auto kWelcomeMessageFields = [](auto& io, auto& m) {
    io.string16(m.text, limits::kChatTextReceived);
};

}  // namespace

std::vector<std::uint8_t> ClmPingMsMsg::encode() const {
    return writeFields(*this, kPingMsFields);
}

std::optional<ClmPingMsMsg> ClmPingMsMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<ClmPingMsMsg>(payload, kPingMsFields);
}

std::vector<std::uint8_t> ClmPingMsWithNumClientsMsg::encode() const {
    return writeFields(*this, kPingMsWithNumClientsFields);
}

std::optional<ClmPingMsWithNumClientsMsg> ClmPingMsWithNumClientsMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmPingMsWithNumClientsMsg>(payload, kPingMsWithNumClientsFields);
}

std::vector<std::uint8_t> ClmRegisterServerMsg::encode() const {
    return writeFields(*this, kRegisterServerFields);
}

std::optional<ClmRegisterServerMsg> ClmRegisterServerMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmRegisterServerMsg>(payload, kRegisterServerFields);
}

std::vector<std::uint8_t> ClmRegisterServerExMsg::encode() const {
    return writeFields(*this, kRegisterServerExFields);
}

std::optional<ClmRegisterServerExMsg> ClmRegisterServerExMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmRegisterServerExMsg>(payload, kRegisterServerExFields);
}

std::vector<std::uint8_t> ClmServerListMsg::encode() const {
    return writeFields(*this, kServerListFields);
}

std::optional<ClmServerListMsg> ClmServerListMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<ClmServerListMsg>(payload, kServerListFields);
}

std::vector<std::uint8_t> ClmSendEmptyMessageMsg::encode() const {
    return writeFields(*this, kSendEmptyMessageFields);
}

std::optional<ClmSendEmptyMessageMsg> ClmSendEmptyMessageMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmSendEmptyMessageMsg>(payload, kSendEmptyMessageFields);
}

std::vector<std::uint8_t> ClmVersionAndOsMsg::encode() const {
    return writeFields(*this, kVersionAndOsFields);
}

std::optional<ClmVersionAndOsMsg> ClmVersionAndOsMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmVersionAndOsMsg>(payload, kVersionAndOsFields);
}

std::vector<std::uint8_t> ClmConnClientsListMsg::encode() const {
    return writeFields(*this, kClientListFields);
}

std::optional<ClmConnClientsListMsg> ClmConnClientsListMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmConnClientsListMsg>(payload, kClientListFields);
}

std::vector<std::uint8_t> ClmChannelLevelListMsg::encode() const {
    std::vector<std::uint8_t> out((levels.size() + 1) / 2, 0xF0);
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const auto nibble = static_cast<std::uint8_t>(levels[i] & 0x0F);
        auto& byte = out[i / 2];
        byte = (i % 2 == 0) ? static_cast<std::uint8_t>((byte & 0xF0) | nibble)
                            : static_cast<std::uint8_t>((byte & 0x0F) | (nibble << 4));
    }
    return out;
}

std::optional<ClmChannelLevelListMsg> ClmChannelLevelListMsg::decode(
    std::span<const std::uint8_t> payload) {
    ClmChannelLevelListMsg m;
    m.levels.reserve(payload.size() * 2);
    for (std::uint8_t byte : payload) {
        m.levels.push_back(byte & 0x0F);
        m.levels.push_back(static_cast<std::uint8_t>(byte >> 4));
    }
    if (!m.levels.empty() && m.levels.back() == 0x0F) {
        m.levels.pop_back();
    }
    return m;
}

std::vector<std::uint8_t> ClmRegisterServerRespMsg::encode() const {
    return writeFields(*this, kRegisterServerRespFields);
}

std::optional<ClmRegisterServerRespMsg> ClmRegisterServerRespMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmRegisterServerRespMsg>(payload, kRegisterServerRespFields);
}

std::vector<std::uint8_t> ClmRedServerListMsg::encode() const {
    return writeFields(*this, kRedServerListFields);
}

std::optional<ClmRedServerListMsg> ClmRedServerListMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmRedServerListMsg>(payload, kRedServerListFields);
}

std::vector<std::uint8_t> ClmServerFeaturesMsg::encode() const {
    return writeFields(*this, kServerFeaturesFields);
}

std::optional<ClmServerFeaturesMsg> ClmServerFeaturesMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmServerFeaturesMsg>(payload, kServerFeaturesFields);
}

std::vector<std::uint8_t> ClmWelcomeMessageMsg::encode() const {
    return writeFields(*this, kWelcomeMessageFields);
}

std::optional<ClmWelcomeMessageMsg> ClmWelcomeMessageMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ClmWelcomeMessageMsg>(payload, kWelcomeMessageFields);
}

}  // namespace tutti::protocol
