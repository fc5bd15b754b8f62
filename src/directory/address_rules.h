// Which address a directory hands out and where it asks servers to punch holes
// (PROTOCOL.md 12.4-12.6). Plain functions on host-order IPv4 numbers so every case is testable
// on a machine where all traffic is loopback.
#pragma once

#include <cstdint>

namespace tutti::directory {

struct Ipv4Endpoint {
    uint32_t ip = 0;  // host order: 127.0.0.1 = 0x7F000001
    uint16_t port = 0;
    bool operator==(const Ipv4Endpoint&) const = default;
};

// 10/8, 127/8, 172.16/12, 192.168/16 only: 100.64/10 and 169.254/16 count as public, as in
// Jamulus.
bool isPrivateIpv4(uint32_t ip);

// The address of a registered server as a given client must see it: the registration's source
// address unless client and server share one public IP, or the server is private while the
// client is not; then the internal address from the registration message.
Ipv4Endpoint listedAddress(const Ipv4Endpoint& source, const Ipv4Endpoint& internal,
                           uint32_t clientIp);

// Whether a server gets a CLM_SEND_EMPTY_MESSAGE for list requests: only servers whose
// registration came from a public address can be behind a NAT that needs the hole.
bool needsHolePunch(const Ipv4Endpoint& serverSource);

// Where the server must send its empty message: the client as the directory sees it, except a
// client on a private network behind a directory with a public address of its own, which the
// client's NAT presumably shares.
Ipv4Endpoint holePunchTarget(const Ipv4Endpoint& client, uint32_t directoryOwnIp);

}  // namespace tutti::directory
