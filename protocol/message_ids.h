#pragma once

#include <cstdint>

// Message ids of PROTOCOL.md 6 and 7. Ids that are obsolete on the wire (12, 14, 15, 17, 19,
// 22) are listed only so that code can name what it deliberately ignores.
namespace tutti::protocol::msgid {

inline constexpr std::uint16_t kAckn = 1;
inline constexpr std::uint16_t kJittBufSize = 10;
inline constexpr std::uint16_t kReqJittBufSize = 11;
inline constexpr std::uint16_t kObsoleteNetBlockSizeFactor = 12;
inline constexpr std::uint16_t kChannelGain = 13;
inline constexpr std::uint16_t kObsoleteConnClientsListName = 14;
inline constexpr std::uint16_t kObsoleteServerFull = 15;
inline constexpr std::uint16_t kReqConnClientsList = 16;
inline constexpr std::uint16_t kObsoleteChannelName = 17;
inline constexpr std::uint16_t kChatText = 18;
inline constexpr std::uint16_t kObsoletePingMs = 19;
inline constexpr std::uint16_t kNetwTransportProps = 20;
inline constexpr std::uint16_t kReqNetwTransportProps = 21;
inline constexpr std::uint16_t kObsoleteDisconnection = 22;
inline constexpr std::uint16_t kReqChannelInfos = 23;
inline constexpr std::uint16_t kConnClientsList = 24;
inline constexpr std::uint16_t kChannelInfos = 25;
inline constexpr std::uint16_t kOpusSupported = 26;
inline constexpr std::uint16_t kLicenceRequired = 27;
inline constexpr std::uint16_t kReqChannelLevelList = 28;
inline constexpr std::uint16_t kVersionAndOs = 29;
inline constexpr std::uint16_t kChannelPan = 30;
inline constexpr std::uint16_t kMuteStateChanged = 31;
inline constexpr std::uint16_t kClientId = 32;
inline constexpr std::uint16_t kRecorderState = 33;
inline constexpr std::uint16_t kReqSplitMessSupport = 34;
inline constexpr std::uint16_t kSplitMessSupported = 35;
inline constexpr std::uint16_t kRawAudioSupported = 36;  // [4.0]

inline constexpr std::uint16_t kClmPingMs = 1001;
inline constexpr std::uint16_t kClmPingMsWithNumClients = 1002;
inline constexpr std::uint16_t kClmServerFull = 1003;
inline constexpr std::uint16_t kClmRegisterServer = 1004;
inline constexpr std::uint16_t kClmUnregisterServer = 1005;
inline constexpr std::uint16_t kClmServerList = 1006;
inline constexpr std::uint16_t kClmReqServerList = 1007;
inline constexpr std::uint16_t kClmSendEmptyMessage = 1008;
inline constexpr std::uint16_t kClmEmptyMessage = 1009;
inline constexpr std::uint16_t kClmDisconnection = 1010;
inline constexpr std::uint16_t kClmVersionAndOs = 1011;
inline constexpr std::uint16_t kClmReqVersionAndOs = 1012;
inline constexpr std::uint16_t kClmConnClientsList = 1013;
inline constexpr std::uint16_t kClmReqConnClientsList = 1014;
inline constexpr std::uint16_t kClmChannelLevelList = 1015;
inline constexpr std::uint16_t kClmRegisterServerResp = 1016;
inline constexpr std::uint16_t kClmRegisterServerEx = 1017;
inline constexpr std::uint16_t kClmRedServerList = 1018;
inline constexpr std::uint16_t kClmServerFeatures = 1019;     // [4.0]
inline constexpr std::uint16_t kClmReqServerFeatures = 1020;  // [4.0]
inline constexpr std::uint16_t kClmWelcomeMessage = 1021;     // [4.0]
inline constexpr std::uint16_t kClmReqWelcomeMessage = 1022;  // [4.0]

inline constexpr std::uint16_t kSpecialSplitMessage = 2001;

}  // namespace tutti::protocol::msgid
