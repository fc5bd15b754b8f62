#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "src/engine/rt_link.h"
#include "src/net/peer_address.h"
#include "src/net/udp_socket.h"

namespace tutti::engine::test {

// A UDP socket on an ephemeral port of 127.0.0.1, closed with its owner: the engine tests'
// stand-in for a client's socket. `flags` go to socket() (e.g. SOCK_NONBLOCK).
class LoopbackSocket {
  public:
    explicit LoopbackSocket(int flags = 0) {
        fd_ = socket(AF_INET, SOCK_DGRAM | flags, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a));
        socklen_t len = sizeof(a);
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        address_ = net::PeerAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&a), len);
    }
    ~LoopbackSocket() { close(fd_); }
    LoopbackSocket(const LoopbackSocket&) = delete;
    LoopbackSocket& operator=(const LoopbackSocket&) = delete;

    int fd() const { return fd_; }
    const net::PeerAddress& address() const { return address_; }

  private:
    int fd_ = -1;
    net::PeerAddress address_;
};

// The server side of the engine tests: a socket on an ephemeral port of 127.0.0.1 only.
inline net::SocketConfig loopbackServerConfig() {
    net::SocketConfig cfg;
    cfg.port = 0;
    cfg.ipv6 = false;
    cfg.bindIpv4 = "127.0.0.1";
    return cfg;
}

// What the control thread tells the socket readers when `address` gets channel `slot`.
inline RxCommand bindCommand(int slot, const net::PeerAddress& address, uint32_t generation) {
    RxCommand c;
    c.kind = RxCommand::Kind::Bind;
    c.slot = slot;
    c.generation = generation;
    c.address = address;
    return c;
}

}  // namespace tutti::engine::test
