#pragma once

#include <string>

#include "src/net/udp_socket.h"

namespace tutti::net {

// The server's port as two sockets in one SO_REUSEPORT group. A classic BPF program run by the
// kernel hands every datagram laid out like a protocol message (zero tag, and a length field
// that matches the datagram's length) to the first socket and everything else (clients' audio,
// junk) to the second. So the mix thread can read audio once per tick without a thread woken
// per datagram, while a thread waiting on the protocol socket answers pings on arrival
// (BENCHMARKS.md, issue 13).
struct SteeredSockets {
    // Empty unless the port cannot be had at all (then both sockets are closed).
    std::string error;
    // Empty when both sockets are open and steered. Otherwise why not: `protocol` alone is then
    // open and receives everything, as the server's single socket always did.
    std::string notSteered;
};

// Opens `protocol` (and, when it can, `audio`) on the port `config` names. Another server
// already on the port is an error, as with one socket; an inherited socket (systemd socket
// activation) is used alone.
SteeredSockets openSteeredSockets(const SocketConfig& config, UdpSocket& protocol,
                                  UdpSocket& audio);

// Which socket of the group a datagram with this payload goes to: 0 for the protocol socket,
// 1 for the audio socket. Runs the same program as the kernel does (for tests).
unsigned steeringIndexFor(const uint8_t* payload, std::size_t size);

}  // namespace tutti::net
