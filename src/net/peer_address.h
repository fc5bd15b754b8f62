#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace tutti::net {

// A UDP peer (IP and port). Jamulus identifies a client by nothing but this, so it must compare
// and hash exactly. IPv4 peers seen on a dual-stack socket arrive as IPv4-mapped IPv6 addresses;
// we keep the socket's own form so the address can be handed straight back to sendto().
class PeerAddress {
  public:
    PeerAddress() = default;
    static PeerAddress fromSockaddr(const sockaddr* sa, socklen_t len);
    static PeerAddress fromIpv4(uint32_t hostOrderIp, uint16_t port);
    // Parses a numeric IPv4 or IPv6 literal; returns false when it is neither.
    static bool parse(const std::string& ip, uint16_t port, PeerAddress& out);

    const sockaddr* sockaddrPtr() const { return reinterpret_cast<const sockaddr*>(&storage_); }
    socklen_t sockaddrLen() const { return len_; }
    bool valid() const { return len_ != 0; }
    int family() const { return storage_.ss_family; }
    uint16_t port() const;

    // IPv4 as a host-order number when the address is IPv4 or IPv4-mapped IPv6.
    bool ipv4(uint32_t& out) const;
    // The IP without the port, IPv4-mapped addresses shown as plain IPv4 (what operators expect
    // in log lines).
    std::string ipText() const;
    std::string toString() const;  // ip:port or [ip]:port

    // The same peer as it must be addressed on a socket of the given family (AF_INET/AF_INET6).
    PeerAddress forSocketFamily(int family) const;

    bool operator==(const PeerAddress& o) const;
    std::size_t hash() const;

  private:
    sockaddr_storage storage_{};
    socklen_t len_ = 0;
};

struct PeerAddressHash {
    std::size_t operator()(const PeerAddress& a) const { return a.hash(); }
};

}  // namespace tutti::net
