#pragma once

#include <cstddef>

// Receiver-side limits of PROTOCOL.md 3.3 and 4.4. String limits are in UTF-16 code units.
namespace tutti::protocol::limits {

inline constexpr std::size_t kClientName = 16;
inline constexpr std::size_t kClientCity = 20;
inline constexpr std::size_t kServerName = 20;
inline constexpr std::size_t kServerCity = 20;
inline constexpr std::size_t kServerInternalAddress = 15;
inline constexpr std::size_t kVersionText = 50;
inline constexpr std::size_t kChatTextReceived = 1800;
inline constexpr std::size_t kChatTextTyped = 1600;
inline constexpr std::size_t kWelcomeMessage = 1600;

inline constexpr std::size_t kSplitPartBytes = 550;
inline constexpr std::size_t kReassemblyBytes = 20000;
inline constexpr std::size_t kMaxSplitParts = kReassemblyBytes / kSplitPartBytes;  // 36

}  // namespace tutti::protocol::limits
