// Per-client limit on the protocol messages a connected client may send (issue 8): everything a
// client can repeat is cheap for it and costs us a reply, a broadcast or a relay to every other
// client. Excess messages are dropped unacknowledged, so a real client's protocol layer simply
// sends them again 400 ms later; its audio is not touched.
#pragma once

#include <chrono>
#include <cstdint>

#include "src/limits/leaky_bucket.h"

namespace tutti::server {

class ClientMessageLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    // Any message. A real client's burst is its connect conversation (about ten messages) or a
    // solo click, which sets the gain of every other channel at once (up to 149), one message
    // per round trip.
    static constexpr double kBurst = 300;
    static constexpr double kPerSecond = 100;
    // Messages that make us write to every client (chat, channel infos) or send a whole list.
    // Typing a name in the profile dialog sends one channel-info message per keystroke.
    static constexpr double kCostlyBurst = 40;
    static constexpr double kCostlyPerSecond = 4;

    static bool isCostly(uint16_t id);

    // Whether a message with this id may be handled now; counts the ones refused.
    bool allow(uint16_t id, Clock::time_point now);
    uint64_t dropped() const { return dropped_; }

  private:
    limits::LeakyBucket any_{kBurst, kPerSecond};
    limits::LeakyBucket costly_{kCostlyBurst, kCostlyPerSecond};
    uint64_t dropped_ = 0;
};

}  // namespace tutti::server
