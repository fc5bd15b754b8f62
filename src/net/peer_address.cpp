#include "src/net/peer_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace tutti::net {

PeerAddress PeerAddress::fromSockaddr(const sockaddr* sa, socklen_t len) {
    PeerAddress a;
    if (sa == nullptr || len == 0 || len > sizeof(a.storage_)) {
        return a;
    }
    if ((sa->sa_family == AF_INET && len >= sizeof(sockaddr_in)) ||
        (sa->sa_family == AF_INET6 && len >= sizeof(sockaddr_in6))) {
        std::memcpy(&a.storage_, sa, len);
        a.len_ = sa->sa_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    }
    return a;
}

PeerAddress PeerAddress::fromIpv4(uint32_t hostOrderIp, uint16_t port) {
    PeerAddress a;
    auto* in = reinterpret_cast<sockaddr_in*>(&a.storage_);
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    in->sin_addr.s_addr = htonl(hostOrderIp);
    a.len_ = sizeof(sockaddr_in);
    return a;
}

bool PeerAddress::parse(const std::string& ip, uint16_t port, PeerAddress& out) {
    out = PeerAddress{};
    auto* in4 = reinterpret_cast<sockaddr_in*>(&out.storage_);
    if (inet_pton(AF_INET, ip.c_str(), &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        out.len_ = sizeof(sockaddr_in);
        return true;
    }
    out = PeerAddress{};
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&out.storage_);
    if (inet_pton(AF_INET6, ip.c_str(), &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        out.len_ = sizeof(sockaddr_in6);
        return true;
    }
    out = PeerAddress{};
    return false;
}

uint16_t PeerAddress::port() const {
    if (family() == AF_INET) {
        return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
    }
    if (family() == AF_INET6) {
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
    }
    return 0;
}

bool PeerAddress::ipv4(uint32_t& out) const {
    if (family() == AF_INET) {
        out = ntohl(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr.s_addr);
        return true;
    }
    if (family() == AF_INET6) {
        const auto& a6 = reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(&a6)) {
            uint32_t v;
            std::memcpy(&v, &a6.s6_addr[12], 4);
            out = ntohl(v);
            return true;
        }
    }
    return false;
}

std::string PeerAddress::ipText() const {
    char buf[INET6_ADDRSTRLEN] = {};
    uint32_t v4;
    if (ipv4(v4)) {
        in_addr a{htonl(v4)};
        inet_ntop(AF_INET, &a, buf, sizeof(buf));
    } else if (family() == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, buf,
                  sizeof(buf));
    }
    return buf;
}

std::string PeerAddress::toString() const {
    uint32_t v4;
    if (family() == AF_INET6 && !ipv4(v4)) {
        return "[" + ipText() + "]:" + std::to_string(port());
    }
    return ipText() + ":" + std::to_string(port());
}

PeerAddress PeerAddress::forSocketFamily(int fam) const {
    if (fam == family() || !valid()) {
        return *this;
    }
    uint32_t v4;
    if (fam == AF_INET6 && family() == AF_INET) {
        PeerAddress a;
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&a.storage_);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port());
        in6->sin6_addr.s6_addr[10] = 0xff;
        in6->sin6_addr.s6_addr[11] = 0xff;
        std::memcpy(&in6->sin6_addr.s6_addr[12],
                    &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, 4);
        a.len_ = sizeof(sockaddr_in6);
        return a;
    }
    if (fam == AF_INET && ipv4(v4)) {
        return fromIpv4(v4, port());
    }
    return PeerAddress{};  // an IPv6 peer cannot be reached over an IPv4 socket
}

bool PeerAddress::operator==(const PeerAddress& o) const {
    if (family() != o.family() || port() != o.port()) {
        return false;
    }
    if (family() == AF_INET) {
        return reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr.s_addr ==
               reinterpret_cast<const sockaddr_in*>(&o.storage_)->sin_addr.s_addr;
    }
    if (family() == AF_INET6) {
        return std::memcmp(&reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr,
                           &reinterpret_cast<const sockaddr_in6*>(&o.storage_)->sin6_addr, 16) == 0;
    }
    return !valid() && !o.valid();
}

std::size_t PeerAddress::hash() const {
    // FNV-1a over the address bytes and port: cheap, and good enough for a table of <= 150 peers.
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const void* p, std::size_t n) {
        auto* b = static_cast<const uint8_t*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h = (h ^ b[i]) * 1099511628211ull;
        }
    };
    uint16_t p = port();
    mix(&p, sizeof(p));
    if (family() == AF_INET) {
        mix(&reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, 4);
    } else if (family() == AF_INET6) {
        mix(&reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, 16);
    }
    return static_cast<std::size_t>(h);
}

}  // namespace tutti::net
