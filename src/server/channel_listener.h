#pragma once

#include <cstdint>
#include <string>

#include "src/net/peer_address.h"

namespace tutti::server {

// Told by ServerCore, on the control thread, when a client's channel opens, when the client
// names itself and when the channel closes. The jam recorder uses it to name files.
class ChannelListener {
  public:
    virtual ~ChannelListener() = default;
    // Called before the mix thread hears of the channel, so its audio can never arrive first.
    virtual void channelOpened(int slot, uint32_t generation, const net::PeerAddress& address) = 0;
    virtual void channelNamed(int slot, const std::string& name) = 0;
    virtual void channelClosed(int slot, uint32_t generation) = 0;
};

}  // namespace tutti::server
