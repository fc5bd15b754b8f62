#include "protocol/connection_messages.h"

#include "protocol/field_io.h"
#include "protocol/limits.h"

// Each message's layout once (see field_io.h); encode() and decode() both visit it.
namespace tutti::protocol {
namespace {

constexpr auto kAcknFields = [](auto& io, auto& m) { io.u16(m.ackedId); };

constexpr auto kJittBufSizeFields = [](auto& io, auto& m) {
    using M = JittBufSizeMsg;
    io.u16(m.blocks);
    io.require((m.blocks >= M::kMinBlocks && m.blocks <= M::kMaxBlocks) || m.blocks == M::kAuto);
};

constexpr auto kChannelGainFields = [](auto& io, auto& m) {
    io.u8(m.channel);
    io.u16(m.gain);
};

constexpr auto kChatTextFields = [](auto& io, auto& m) {
    io.string16(m.text, limits::kChatTextReceived);
};

constexpr auto kNetwTransportPropsFields = [](auto& io, auto& m) {
    using M = NetwTransportPropsMsg;
    io.u32(m.frameBytes);
    io.u16(m.blockFactor);
    io.u8(m.channels);
    io.u32(m.sampleRate);
    io.u16(m.codec);
    io.u16(m.flags);
    io.u32(m.codecArg);
    // Sample rate, flags and codec argument are deliberately unchecked, as in Jamulus.
    io.require(m.frameBytes >= M::kMinFrameBytes && m.frameBytes <= M::kMaxFrameBytes);
    io.require(m.blockFactor == 1 || m.blockFactor == 2 || m.blockFactor == 4);
    io.require(m.channels == 1 || m.channels == 2);
    io.require(m.codec >= 1 && m.codec <= 3);
};

constexpr auto kClientListFields = [](auto& io, auto& m) {
    io.untilEnd(m.entries, kClientListEntryFields);
};

constexpr auto kChannelInfosFields = [](auto& io, auto& m) {
    io.u16(m.country);
    io.u32(m.instrument);
    io.u8(m.skill);
    io.string16(m.name, limits::kClientName);
    io.string16(m.city, limits::kClientCity);
};

constexpr auto kLicenceRequiredFields = [](auto& io, auto& m) {
    io.u8(m.type);
    io.require(m.type <= 1);
};

constexpr auto kReqChannelLevelListFields = [](auto& io, auto& m) { io.u8(m.value); };

constexpr auto kVersionAndOsFields = [](auto& io, auto& m) {
    io.u8(m.os);
    io.string16(m.version, limits::kVersionText);
};

constexpr auto kChannelPanFields = [](auto& io, auto& m) {
    io.u8(m.channel);
    io.u16(m.pan);
};

constexpr auto kMuteStateChangedFields = [](auto& io, auto& m) {
    io.u8(m.channel);
    io.u8(m.muted);
};

constexpr auto kClientIdFields = [](auto& io, auto& m) { io.u8(m.channel); };

constexpr auto kRecorderStateFields = [](auto& io, auto& m) {
    using M = RecorderStateMsg;
    io.u8(m.state);
    // 0 means "unknown" inside Jamulus and is rejected by clients.
    io.require(m.state >= M::kNotConfigured && m.state <= M::kRecording);
};

// Decoding only checks the 4-byte header; the session judges whether the part fits.
constexpr auto kSplitPartFields = [](auto& io, auto& m) {
    io.u16(m.originalId);
    io.u8(m.parts);
    io.u8(m.index);
    io.rest(m.data);
};

}  // namespace

std::vector<std::uint8_t> AcknMsg::encode() const {
    return writeFields(*this, kAcknFields);
}

std::optional<AcknMsg> AcknMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<AcknMsg>(payload, kAcknFields);
}

std::vector<std::uint8_t> JittBufSizeMsg::encode() const {
    return writeFields(*this, kJittBufSizeFields);
}

std::optional<JittBufSizeMsg> JittBufSizeMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<JittBufSizeMsg>(payload, kJittBufSizeFields);
}

std::vector<std::uint8_t> ChannelGainMsg::encode() const {
    return writeFields(*this, kChannelGainFields);
}

std::optional<ChannelGainMsg> ChannelGainMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<ChannelGainMsg>(payload, kChannelGainFields);
}

std::vector<std::uint8_t> ChatTextMsg::encode() const {
    return writeFields(*this, kChatTextFields);
}

std::optional<ChatTextMsg> ChatTextMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<ChatTextMsg>(payload, kChatTextFields);
}

std::vector<std::uint8_t> NetwTransportPropsMsg::encode() const {
    return writeFields(*this, kNetwTransportPropsFields);
}

std::optional<NetwTransportPropsMsg> NetwTransportPropsMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<NetwTransportPropsMsg>(payload, kNetwTransportPropsFields);
}

std::vector<std::uint8_t> ConnClientsListMsg::encode() const {
    return writeFields(*this, kClientListFields);
}

std::optional<ConnClientsListMsg> ConnClientsListMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ConnClientsListMsg>(payload, kClientListFields);
}

std::vector<std::uint8_t> ChannelInfosMsg::encode() const {
    return writeFields(*this, kChannelInfosFields);
}

std::optional<ChannelInfosMsg> ChannelInfosMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<ChannelInfosMsg>(payload, kChannelInfosFields);
}

std::vector<std::uint8_t> LicenceRequiredMsg::encode() const {
    return writeFields(*this, kLicenceRequiredFields);
}

std::optional<LicenceRequiredMsg> LicenceRequiredMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<LicenceRequiredMsg>(payload, kLicenceRequiredFields);
}

std::vector<std::uint8_t> ReqChannelLevelListMsg::encode() const {
    return writeFields(*this, kReqChannelLevelListFields);
}

std::optional<ReqChannelLevelListMsg> ReqChannelLevelListMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<ReqChannelLevelListMsg>(payload, kReqChannelLevelListFields);
}

std::vector<std::uint8_t> VersionAndOsMsg::encode() const {
    return writeFields(*this, kVersionAndOsFields);
}

std::optional<VersionAndOsMsg> VersionAndOsMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<VersionAndOsMsg>(payload, kVersionAndOsFields);
}

std::vector<std::uint8_t> ChannelPanMsg::encode() const {
    return writeFields(*this, kChannelPanFields);
}

std::optional<ChannelPanMsg> ChannelPanMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<ChannelPanMsg>(payload, kChannelPanFields);
}

std::vector<std::uint8_t> MuteStateChangedMsg::encode() const {
    return writeFields(*this, kMuteStateChangedFields);
}

std::optional<MuteStateChangedMsg> MuteStateChangedMsg::decode(
    std::span<const std::uint8_t> payload) {
    return readFields<MuteStateChangedMsg>(payload, kMuteStateChangedFields);
}

std::vector<std::uint8_t> ClientIdMsg::encode() const {
    return writeFields(*this, kClientIdFields);
}

std::optional<ClientIdMsg> ClientIdMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<ClientIdMsg>(payload, kClientIdFields);
}

std::vector<std::uint8_t> RecorderStateMsg::encode() const {
    return writeFields(*this, kRecorderStateFields);
}

std::optional<RecorderStateMsg> RecorderStateMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<RecorderStateMsg>(payload, kRecorderStateFields);
}

std::vector<std::uint8_t> SplitPartMsg::encode() const {
    return writeFields(*this, kSplitPartFields);
}

std::optional<SplitPartMsg> SplitPartMsg::decode(std::span<const std::uint8_t> payload) {
    return readFields<SplitPartMsg>(payload, kSplitPartFields);
}

}  // namespace tutti::protocol
