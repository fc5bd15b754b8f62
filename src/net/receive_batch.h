#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "src/net/peer_address.h"
#include "src/net/udp_socket.h"

namespace tutti::net {

// Reads up to `capacity` datagrams with one recvmmsg() call into storage allocated once.
class ReceiveBatch {
  public:
    ReceiveBatch(std::size_t capacity, std::size_t maxDatagramBytes);
    ~ReceiveBatch();
    ReceiveBatch(const ReceiveBatch&) = delete;
    ReceiveBatch& operator=(const ReceiveBatch&) = delete;

    // Returns how many datagrams were read. With `wait`, blocks until at least one arrives (or
    // the socket's receive time-out passes, then 0) and takes whatever else is already queued;
    // without, returns 0 at once when nothing is waiting.
    std::size_t receive(const UdpSocket& socket, bool wait = false);
    std::span<const uint8_t> data(std::size_t i) const;
    PeerAddress from(std::size_t i) const;
    // True when the datagram did not fit the buffer (it is then not a legitimate Jamulus one).
    bool truncated(std::size_t i) const;

  private:
    struct Impl;
    Impl* impl_;
};

}  // namespace tutti::net
