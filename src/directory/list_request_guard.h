// Decides how a directory answers CLM_REQ_SERVER_LIST, so that it cannot be used to amplify
// traffic towards a spoofed address (PROTOCOL.md 14).
//
// A real client (3.9.1 and newer) asks for the list first and pings only the servers of a list
// it received, re-asking every 2 s until a full list arrives (capture 05). So an address that
// has not pinged us gets a "probe": a reduced list holding only the directory itself, no larger
// than a few times the request, which makes a real client ping us at once. Its next request,
// 2 s later, comes from an address we have answered pings from, and gets the full lists and the
// hole-punch requests. On top, replies of either kind are rate-limited per source IP, and probes
// in total.
//
// A one-shot request from an address that has not pinged (a server-list explorer, a monitoring
// script) still gets the full lists while the server's reply budget for unvalidated addresses
// allows it (src/limits/reply_budget.h): under a spoofed flood that budget is soon spent, and the
// probes above take over.
//
// The client protocol gives the directory no way to send a nonce the client echoes, so the ping
// is evidence of a real client, not proof of return routability: an attacker who also spoofs
// pings is bounded by the per-IP rate of full replies only (README, "Directories").
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

#include "src/limits/leaky_bucket.h"
#include "src/limits/reply_budget.h"
#include "src/net/peer_address.h"

namespace tutti::directory {

class ListRequestGuard {
  public:
    using Clock = std::chrono::steady_clock;
    enum class Verdict { Full, Probe, Drop };

    // How long an answered ping makes an address eligible for full lists. Clients in the connect
    // dialog ping every 2.5 s; reopening the dialog within this time fills it at once.
    static constexpr auto kPingValidity = std::chrono::minutes(10);
    // Per source IP: a burst for many clients behind one NAT opening their dialogs together.
    static constexpr double kFullBurst = 30;
    static constexpr double kFullPerSecond = 1;
    static constexpr double kProbeBurst = 10;
    static constexpr double kProbePerSecond = 1;
    // All probes together, whatever their sources.
    static constexpr double kProbeGlobalBurst = 200;
    static constexpr double kProbeGlobalPerSecond = 200;
    // Memory bound under a flood of spoofed sources.
    static constexpr std::size_t kMaxTracked = 16384;

    void onPingAnswered(const net::PeerAddress& from, Clock::time_point now);
    // fullReplyBytes: what the full answer would send (both lists and the hole-punch requests);
    // the default never fits the budget, so only pinged addresses get full lists.
    Verdict onRequest(const net::PeerAddress& from, Clock::time_point now,
                      std::size_t fullReplyBytes = static_cast<std::size_t>(-1));
    void prune(Clock::time_point now);

  private:
    std::unordered_map<net::PeerAddress, Clock::time_point, net::PeerAddressHash> pinged_;
    std::unordered_map<std::string, limits::LeakyBucket> fullByIp_;
    std::unordered_map<std::string, limits::LeakyBucket> probeByIp_;
    limits::LeakyBucket probesOverall_{kProbeGlobalBurst, kProbeGlobalPerSecond};
    limits::ReplyBudget unvalidatedBudget_;
    Clock::time_point lastPrune_{};
};

}  // namespace tutti::directory
