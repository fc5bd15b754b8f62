#pragma once

#include <chrono>
#include <cstdint>
#include <span>

#include "src/net/peer_address.h"

namespace tutti::server {

// What ServerCore hands to an optional extension on the control thread (today: the directory
// code). ServerCore answers pings, version and client-list queries itself; every other
// connectionless id comes here, so features that speak more of the connectionless protocol plug
// in without growing ServerCore.
class ConnectionlessHandler {
  public:
    using Clock = std::chrono::steady_clock;
    virtual ~ConnectionlessHandler() = default;

    // A well-framed connectionless message (ids 1000..1999) ServerCore does not handle.
    virtual void onConnectionless(uint16_t id, std::span<const uint8_t> payload,
                                  const net::PeerAddress& from, Clock::time_point now) = 0;
    // ServerCore has just answered a ping (1001 or 1002) from `from`.
    virtual void onPingAnswered(const net::PeerAddress& /*from*/, Clock::time_point /*now*/) {}
    // Called from ServerCore::onTimer, every few tens of ms.
    virtual void onTimer(Clock::time_point /*now*/) {}
    // Clean stop, while the socket still works.
    virtual void onShutdown() {}
};

}  // namespace tutti::server
