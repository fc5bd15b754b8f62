#pragma once

#include <string>

#include "src/net/peer_address.h"

namespace tutti::server {

// What ServerCore tells the operator side, on the control thread, after the fact: channels
// opening and closing, profile changes and chat lines relayed between clients. The composition
// root turns these into the command layer's events.
class ServerEventListener {
  public:
    virtual ~ServerEventListener() = default;
    // `total` counts connected clients including this one.
    virtual void clientConnected(int /*slot*/, const net::PeerAddress& /*address*/, int /*total*/) {
    }
    virtual void clientDisconnected(int /*slot*/) {}
    virtual void clientProfileChanged(int /*slot*/) {}
    // A client's chat line as every client received it (decorated HTML).
    virtual void chatRelayed(int /*slot*/, const std::string& /*html*/) {}
    // The idle time-out is about to disconnect the client (it is still connected, and told why).
    virtual void clientIdle(int /*slot*/) {}
};

}  // namespace tutti::server
