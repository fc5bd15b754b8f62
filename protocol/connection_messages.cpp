#include "protocol/connection_messages.h"

#include "protocol/byte_io.h"
#include "protocol/decode_helpers.h"
#include "protocol/limits.h"

namespace tutti::protocol {

std::vector<std::uint8_t> AcknMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter(out).u16(ackedId);
    return out;
}

std::optional<AcknMsg> AcknMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    AcknMsg m;
    m.ackedId = r.u16();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> JittBufSizeMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter(out).u16(blocks);
    return out;
}

std::optional<JittBufSizeMsg> JittBufSizeMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    JittBufSizeMsg m;
    m.blocks = r.u16();
    const bool fixedSize = m.blocks >= kMinBlocks && m.blocks <= kMaxBlocks;
    if (!fixedSize && m.blocks != kAuto) {
        return std::nullopt;
    }
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ChannelGainMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u8(channel);
    w.u16(gain);
    return out;
}

std::optional<ChannelGainMsg> ChannelGainMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ChannelGainMsg m;
    m.channel = r.u8();
    m.gain = r.u16();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ChatTextMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter(out).string16(text);
    return out;
}

std::optional<ChatTextMsg> ChatTextMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ChatTextMsg m;
    m.text = readLimitedString16(r, limits::kChatTextReceived);
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> NetwTransportPropsMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u32(frameBytes);
    w.u16(blockFactor);
    w.u8(channels);
    w.u32(sampleRate);
    w.u16(codec);
    w.u16(flags);
    w.u32(codecArg);
    return out;
}

std::optional<NetwTransportPropsMsg> NetwTransportPropsMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    NetwTransportPropsMsg m;
    m.frameBytes = r.u32();
    m.blockFactor = r.u16();
    m.channels = r.u8();
    m.sampleRate = r.u32();
    m.codec = r.u16();
    m.flags = r.u16();
    m.codecArg = r.u32();
    // Sample rate, flags and codec argument are deliberately unchecked, as in Jamulus.
    const bool frameOk = m.frameBytes >= kMinFrameBytes && m.frameBytes <= kMaxFrameBytes;
    const bool factorOk = m.blockFactor == 1 || m.blockFactor == 2 || m.blockFactor == 4;
    const bool channelsOk = m.channels == 1 || m.channels == 2;
    const bool codecOk = m.codec >= 1 && m.codec <= 3;
    if (!frameOk || !factorOk || !channelsOk || !codecOk) {
        return std::nullopt;
    }
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ConnClientsListMsg::encode() const {
    return encodeClientList(entries);
}

std::optional<ConnClientsListMsg> ConnClientsListMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    auto entries = readClientList(r);
    if (!entries) {
        return std::nullopt;
    }
    return ConnClientsListMsg{std::move(*entries)};
}

std::vector<std::uint8_t> ChannelInfosMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u16(country);
    w.u32(instrument);
    w.u8(skill);
    w.string16(name);
    w.string16(city);
    return out;
}

std::optional<ChannelInfosMsg> ChannelInfosMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ChannelInfosMsg m;
    m.country = r.u16();
    m.instrument = r.u32();
    m.skill = r.u8();
    m.name = readLimitedString16(r, limits::kClientName);
    m.city = readLimitedString16(r, limits::kClientCity);
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> LicenceRequiredMsg::encode() const {
    return {type};
}

std::optional<LicenceRequiredMsg> LicenceRequiredMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    LicenceRequiredMsg m;
    m.type = r.u8();
    if (m.type > 1) {
        return std::nullopt;
    }
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ReqChannelLevelListMsg::encode() const {
    return {value};
}

std::optional<ReqChannelLevelListMsg> ReqChannelLevelListMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ReqChannelLevelListMsg m;
    m.value = r.u8();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> VersionAndOsMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u8(os);
    w.string16(version);
    return out;
}

std::optional<VersionAndOsMsg> VersionAndOsMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    VersionAndOsMsg m;
    m.os = r.u8();
    m.version = readLimitedString16(r, limits::kVersionText);
    return acceptIfExact(r, std::move(m));
}

std::vector<std::uint8_t> ChannelPanMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u8(channel);
    w.u16(pan);
    return out;
}

std::optional<ChannelPanMsg> ChannelPanMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ChannelPanMsg m;
    m.channel = r.u8();
    m.pan = r.u16();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> MuteStateChangedMsg::encode() const {
    return {channel, muted};
}

std::optional<MuteStateChangedMsg> MuteStateChangedMsg::decode(
    std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    MuteStateChangedMsg m;
    m.channel = r.u8();
    m.muted = r.u8();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> ClientIdMsg::encode() const {
    return {channel};
}

std::optional<ClientIdMsg> ClientIdMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    ClientIdMsg m;
    m.channel = r.u8();
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> RecorderStateMsg::encode() const {
    return {state};
}

std::optional<RecorderStateMsg> RecorderStateMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    RecorderStateMsg m;
    m.state = r.u8();
    // 0 means "unknown" inside Jamulus and is rejected by clients.
    if (m.state < kNotConfigured || m.state > kRecording) {
        return std::nullopt;
    }
    return acceptIfExact(r, m);
}

std::vector<std::uint8_t> SplitPartMsg::encode() const {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.u16(originalId);
    w.u8(parts);
    w.u8(index);
    w.bytes(data);
    return out;
}

std::optional<SplitPartMsg> SplitPartMsg::decode(std::span<const std::uint8_t> payload) {
    ByteReader r(payload);
    SplitPartMsg m;
    m.originalId = r.u16();
    m.parts = r.u8();
    m.index = r.u8();
    const auto rest = r.rest();
    m.data.assign(rest.begin(), rest.end());
    return acceptIfExact(r, std::move(m));
}

}  // namespace tutti::protocol
