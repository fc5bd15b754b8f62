// Byte budget for connectionless replies to addresses that have not proved they are real peers
// (no established channel): pings, version, connected-clients list, directory lists (issue 8,
// PROTOCOL.md 14). A spoofed request is small and its reply can be large, so what we send to
// such addresses is limited in total and per IP. A one-shot request (a monitoring script, a
// server-list explorer) fits easily and gets its normal full answer; under a spoofed flood the
// budget runs dry and we send far fewer bytes than we receive.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "src/limits/leaky_bucket.h"
#include "src/net/peer_address.h"

namespace tutti::limits {

class ReplyBudget {
  public:
    using Clock = std::chrono::steady_clock;

    // All unvalidated addresses together. The burst holds two full directory lists of 150
    // servers (~35 kB); the rate is what the server may emit towards unproven addresses however
    // hard it is flooded.
    static constexpr double kGlobalBurstBytes = 64 * 1024;
    static constexpr double kGlobalBytesPerSecond = 16 * 1024;
    // One IP (a victim whose address is spoofed, or a NAT full of connect dialogs).
    static constexpr double kPerIpBurstBytes = 40 * 1024;
    static constexpr double kPerIpBytesPerSecond = 4 * 1024;
    // Memory bound under a flood of many sources.
    static constexpr std::size_t kMaxTracked = 16384;

    // Takes `bytes` from the global and the IP's budget, or nothing; false means "do not reply".
    bool allow(const net::PeerAddress& to, std::size_t bytes, Clock::time_point now);

    uint64_t grantedBytes() const { return grantedBytes_; }
    uint64_t refusedReplies() const { return refused_; }

  private:
    void prune(Clock::time_point now);

    LeakyBucket global_{kGlobalBurstBytes, kGlobalBytesPerSecond};
    std::unordered_map<std::string, LeakyBucket> perIp_;
    Clock::time_point lastPrune_{};
    uint64_t grantedBytes_ = 0;
    uint64_t refused_ = 0;
};

}  // namespace tutti::limits
