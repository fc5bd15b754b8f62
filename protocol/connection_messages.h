#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "protocol/empty_message.h"
#include "protocol/message_ids.h"
#include "protocol/payload_fields.h"

// Connection messages (PROTOCOL.md 6). Every struct has kId, encode() giving the payload only,
// and decode() applying the receiver validation of PROTOCOL.md 6.1 (nullopt = the message must
// be ignored, though a session still acknowledges it).
namespace tutti::protocol {

struct AcknMsg {
    static constexpr std::uint16_t kId = msgid::kAckn;
    std::uint16_t ackedId = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<AcknMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const AcknMsg&) const = default;
};

struct JittBufSizeMsg {
    static constexpr std::uint16_t kId = msgid::kJittBufSize;
    static constexpr std::uint16_t kMinBlocks = 1;
    static constexpr std::uint16_t kMaxBlocks = 20;
    static constexpr std::uint16_t kAuto = 21;
    std::uint16_t blocks = kAuto;
    std::vector<std::uint8_t> encode() const;
    static std::optional<JittBufSizeMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const JittBufSizeMsg&) const = default;
};

using ReqJittBufSizeMsg = EmptyMsg<msgid::kReqJittBufSize>;

// Gain and pan share a layout; value / 32768 is the factor (PROTOCOL.md 3.4).
struct ChannelGainMsg {
    static constexpr std::uint16_t kId = msgid::kChannelGain;
    std::uint8_t channel = 0;
    std::uint16_t gain = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ChannelGainMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ChannelGainMsg&) const = default;
};

using ReqConnClientsListMsg = EmptyMsg<msgid::kReqConnClientsList>;

struct ChatTextMsg {
    static constexpr std::uint16_t kId = msgid::kChatText;
    std::string text;  // UTF-8 bytes as received
    std::vector<std::uint8_t> encode() const;
    static std::optional<ChatTextMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ChatTextMsg&) const = default;
};

// PROTOCOL.md 8.3. codec holds the raw wire value (see codec_params.h for its meaning).
struct NetwTransportPropsMsg {
    static constexpr std::uint16_t kId = msgid::kNetwTransportProps;
    static constexpr std::uint32_t kMinFrameBytes = 10;
    static constexpr std::uint32_t kMaxFrameBytes = 20000;
    static constexpr std::uint16_t kFlagSequenceNumbers = 1;
    std::uint32_t frameBytes = 0;  // including the sequence byte when flags == 1
    std::uint16_t blockFactor = 1;
    std::uint8_t channels = 1;
    std::uint32_t sampleRate = 48000;
    std::uint16_t codec = 2;
    std::uint16_t flags = 0;
    std::uint32_t codecArg = 0;
    // Only exactly 1 switches sequence numbers on.
    bool sequenceNumbers() const { return flags == kFlagSequenceNumbers; }
    std::vector<std::uint8_t> encode() const;
    static std::optional<NetwTransportPropsMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const NetwTransportPropsMsg&) const = default;
};

using ReqNetwTransportPropsMsg = EmptyMsg<msgid::kReqNetwTransportProps>;
using ReqChannelInfosMsg = EmptyMsg<msgid::kReqChannelInfos>;

struct ConnClientsListMsg {
    static constexpr std::uint16_t kId = msgid::kConnClientsList;
    std::vector<ClientListEntry> entries;  // ascending channel id
    std::vector<std::uint8_t> encode() const;
    static std::optional<ConnClientsListMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ConnClientsListMsg&) const = default;
};

struct ChannelInfosMsg {
    static constexpr std::uint16_t kId = msgid::kChannelInfos;
    std::uint16_t country = 0;
    std::uint32_t instrument = 0;
    std::uint8_t skill = 0;
    std::string name;
    std::string city;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ChannelInfosMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ChannelInfosMsg&) const = default;
};

using OpusSupportedMsg = EmptyMsg<msgid::kOpusSupported>;

struct LicenceRequiredMsg {
    static constexpr std::uint16_t kId = msgid::kLicenceRequired;
    std::uint8_t type = 1;  // 0 none, 1 Creative Commons style agreement
    std::vector<std::uint8_t> encode() const;
    static std::optional<LicenceRequiredMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const LicenceRequiredMsg&) const = default;
};

// Obsolete opt-in that 3.x clients still send; a server acknowledges and ignores it.
struct ReqChannelLevelListMsg {
    static constexpr std::uint16_t kId = msgid::kReqChannelLevelList;
    std::uint8_t value = 1;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ReqChannelLevelListMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ReqChannelLevelListMsg&) const = default;
};

struct VersionAndOsMsg {
    static constexpr std::uint16_t kId = msgid::kVersionAndOs;
    std::uint8_t os = 0;  // 0 Windows, 1 macOS, 2 Linux, 3 Android, 4 iOS, 5 other Unix
    std::string version;
    std::vector<std::uint8_t> encode() const;
    static std::optional<VersionAndOsMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const VersionAndOsMsg&) const = default;
};

struct ChannelPanMsg {
    static constexpr std::uint16_t kId = msgid::kChannelPan;
    std::uint8_t channel = 0;
    std::uint16_t pan = 16384;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ChannelPanMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ChannelPanMsg&) const = default;
};

// `channel` is the listener who (un)muted the receiver; muted is a wire boolean (nonzero = muted),
// kept as sent.
struct MuteStateChangedMsg {
    static constexpr std::uint16_t kId = msgid::kMuteStateChanged;
    std::uint8_t channel = 0;
    std::uint8_t muted = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<MuteStateChangedMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const MuteStateChangedMsg&) const = default;
};

struct ClientIdMsg {
    static constexpr std::uint16_t kId = msgid::kClientId;
    std::uint8_t channel = 0;
    std::vector<std::uint8_t> encode() const;
    static std::optional<ClientIdMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const ClientIdMsg&) const = default;
};

struct RecorderStateMsg {
    static constexpr std::uint16_t kId = msgid::kRecorderState;
    static constexpr std::uint8_t kNotConfigured = 1;
    static constexpr std::uint8_t kDisabled = 2;
    static constexpr std::uint8_t kRecording = 3;
    std::uint8_t state = kNotConfigured;
    std::vector<std::uint8_t> encode() const;
    static std::optional<RecorderStateMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const RecorderStateMsg&) const = default;
};

using ReqSplitMessSupportMsg = EmptyMsg<msgid::kReqSplitMessSupport>;
using SplitMessSupportedMsg = EmptyMsg<msgid::kSplitMessSupported>;
using RawAudioSupportedMsg = EmptyMsg<msgid::kRawAudioSupported>;

// One part of a split message (PROTOCOL.md 4.4). Decoding only checks the 4-byte header;
// whether a part fits the reassembly in progress is the session's business.
struct SplitPartMsg {
    static constexpr std::uint16_t kId = msgid::kSpecialSplitMessage;
    std::uint16_t originalId = 0;
    std::uint8_t parts = 0;
    std::uint8_t index = 0;
    std::vector<std::uint8_t> data;
    std::vector<std::uint8_t> encode() const;
    static std::optional<SplitPartMsg> decode(std::span<const std::uint8_t> payload);
    bool operator==(const SplitPartMsg&) const = default;
};

}  // namespace tutti::protocol
