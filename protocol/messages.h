#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "protocol/connection_messages.h"
#include "protocol/connectionless_messages.h"

// All message types behind one variant, and decoding by id.
namespace tutti::protocol {

// A message whose id this library does not know (including ids obsolete on the wire). A session
// still acknowledges it when it is a connection message; the payload is kept for logging.
struct UnknownMsg {
    std::uint16_t id = 0;
    std::vector<std::uint8_t> payload;
    std::vector<std::uint8_t> encode() const { return payload; }
    bool operator==(const UnknownMsg&) const = default;
};

using AnyMessage = std::variant<
    // connection messages
    AcknMsg, JittBufSizeMsg, ReqJittBufSizeMsg, ChannelGainMsg, ReqConnClientsListMsg, ChatTextMsg,
    NetwTransportPropsMsg, ReqNetwTransportPropsMsg, ReqChannelInfosMsg, ConnClientsListMsg,
    ChannelInfosMsg, OpusSupportedMsg, LicenceRequiredMsg, ReqChannelLevelListMsg, VersionAndOsMsg,
    ChannelPanMsg, MuteStateChangedMsg, ClientIdMsg, RecorderStateMsg, ReqSplitMessSupportMsg,
    SplitMessSupportedMsg, RawAudioSupportedMsg, SplitPartMsg,
    // connectionless messages
    ClmPingMsMsg, ClmPingMsWithNumClientsMsg, ClmServerFullMsg, ClmRegisterServerMsg,
    ClmUnregisterServerMsg, ClmServerListMsg, ClmReqServerListMsg, ClmSendEmptyMessageMsg,
    ClmEmptyMessageMsg, ClmDisconnectionMsg, ClmVersionAndOsMsg, ClmReqVersionAndOsMsg,
    ClmConnClientsListMsg, ClmReqConnClientsListMsg, ClmChannelLevelListMsg,
    ClmRegisterServerRespMsg, ClmRegisterServerExMsg, ClmRedServerListMsg, ClmServerFeaturesMsg,
    ClmReqServerFeaturesMsg, ClmWelcomeMessageMsg, ClmReqWelcomeMessageMsg,
    // anything else
    UnknownMsg>;

// nullopt: a known id whose payload fails validation (the message must be ignored).
// UnknownMsg: an id this library has no type for.
std::optional<AnyMessage> decodeMessage(std::uint16_t id, std::span<const std::uint8_t> payload);

// Payload of any message (frame it with encodeFrame(messageId(m), counter, ...)).
std::vector<std::uint8_t> encodeMessage(const AnyMessage& message);

std::uint16_t messageId(const AnyMessage& message);

// True for ids that have a type other than UnknownMsg.
bool isKnownId(std::uint16_t id);

}  // namespace tutti::protocol
