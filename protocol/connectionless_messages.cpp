#include "protocol/connectionless_messages.h"

#include "protocol/byte_io.h"
#include "protocol/decode_helpers.h"
#include "protocol/limits.h"

namespace tutti::protocol {

std::vector<std::uint8_t> ClmPingMsMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter(out).u32(timeMs);
    return out;
}

std::optional<ClmPingMsMsg> ClmPingMsMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmPingMsMsg m;
    m.timeMs = r.u32();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ClmPingMsWithNumClientsMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u32(timeMs);
    w.u8(numClients);
    return out;
}

std::optional<ClmPingMsWithNumClientsMsg> ClmPingMsWithNumClientsMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmPingMsWithNumClientsMsg m;
    m.timeMs = r.u32();
    m.numClients = r.u8();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ClmRegisterServerMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    writeServerInfo(w, info);
    return out;
}

std::optional<ClmRegisterServerMsg> ClmRegisterServerMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmRegisterServerMsg m;
    m.info = readServerInfo(r);
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> ClmRegisterServerExMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    writeServerInfo(w, info);
    w.u8(os);
    w.string16(version);
    return out;
}

std::optional<ClmRegisterServerExMsg> ClmRegisterServerExMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmRegisterServerExMsg m;
    m.info = readServerInfo(r);
    m.os = r.u8();
    m.version = readLimitedString16(r, limits::kVersionText);
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> ClmServerListMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    for (const auto& e : entries) {
        w.u32(e.ipv4);
        writeServerInfo(w, ServerInfo{e.port, e.country, e.maxClients, e.permanent, e.name,
                                      e.internalAddress, e.city});
    }
    return out;
}

std::optional<ClmServerListMsg> ClmServerListMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmServerListMsg m;
    while (r.remaining() > 0) {
        const std::uint32_t ipv4 = r.u32();
        ServerInfo s = readServerInfo(r);
        m.entries.push_back(ServerListEntry{ipv4, s.port, s.country, s.maxClients, s.permanent,
                                            std::move(s.name), std::move(s.internalAddress),
                                            std::move(s.city)});
    }
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> ClmSendEmptyMessageMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u32(ipv4);
    w.u16(port);
    return out;
}

std::optional<ClmSendEmptyMessageMsg> ClmSendEmptyMessageMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmSendEmptyMessageMsg m;
    m.ipv4 = r.u32();
    m.port = r.u16();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ClmVersionAndOsMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u8(os);
    w.string16(version);
    return out;
}

std::optional<ClmVersionAndOsMsg> ClmVersionAndOsMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmVersionAndOsMsg m;
    m.os = r.u8();
    m.version = readLimitedString16(r, limits::kVersionText);
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> ClmConnClientsListMsg::encode() const {
    return encodeClientList(entries);
}

std::optional<ClmConnClientsListMsg> ClmConnClientsListMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    auto entries = readClientList(r);
    if (!entries) {
        return std::nullopt;
    }
    return ClmConnClientsListMsg{std::move(*entries)};
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
    return {status};
}

std::optional<ClmRegisterServerRespMsg> ClmRegisterServerRespMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmRegisterServerRespMsg m;
    m.status = r.u8();
    if (m.status > kRequirementsNotFulfilled) {
        return std::nullopt;
    }
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ClmRedServerListMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    for (const auto& e : entries) {
        w.u32(e.ipv4);
        w.u16(e.port);
        w.string8(e.name);
    }
    return out;
}

std::optional<ClmRedServerListMsg> ClmRedServerListMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmRedServerListMsg m;
    while (r.remaining() > 0) {
        RedServerListEntry e;
        e.ipv4 = r.u32();
        e.port = r.u16();
        e.name = readLimitedString8(r, limits::kServerName);
        m.entries.push_back(std::move(e));
    }
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> ClmServerFeaturesMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter(out).u32(mask);
    return out;
}

std::optional<ClmServerFeaturesMsg> ClmServerFeaturesMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmServerFeaturesMsg m;
    m.mask = r.u32();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ClmWelcomeMessageMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter(out).string16(text);
    return out;
}

std::optional<ClmWelcomeMessageMsg> ClmWelcomeMessageMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClmWelcomeMessageMsg m;
    // The spec gives no receive limit for this [4.0] message; we take the chat receive limit,
    // which a welcome text (at most 1600) always satisfies.
    m.text = readLimitedString16(r, limits::kChatTextReceived);
    return acceptIfExact(r, std::move(m));
}

}  // namespace tutti::protocol
