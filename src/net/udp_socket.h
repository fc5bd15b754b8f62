#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "src/net/peer_address.h"

namespace tutti::net {

struct SocketConfig {
    uint16_t port = 22124;
    std::string bindIpv4;  // empty: all interfaces
    bool ipv6 = true;      // dual-stack socket when no IPv4 bind address is given
    int qos = 128;         // IP TOS / IPv6 traffic class
    // Longer datagrams (never valid) are dropped in the kernel; 0 = no filter.
    std::size_t maxDatagramBytes = 20000;  // protocol::kMaxDatagram
    int inheritedFd = -1;  // a UDP socket systemd already bound (socket activation); -1: bind
    // SO_REUSEPORT before bind, for the second socket of steered_sockets.h; never on its own.
    bool reusePort = false;
};

inline constexpr int kSocketBufferBytes = 4 * 1024 * 1024;
void attachSizeFilter(int fd, std::size_t maxDatagramBytes);

// A server UDP socket (the port's only one, or one of its two steered sockets): used concurrently
// by a socket reader (reads; the mix thread or a receive thread), the mix thread (audio sends) and
// the control thread (protocol sends). The kernel makes concurrent sendto()/recvmmsg() on one
// socket safe, so no lock is needed here.
class UdpSocket {
  public:
    UdpSocket() = default;
    ~UdpSocket();
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;

    // Returns an empty string on success, otherwise a description of the failure.
    std::string open(const SocketConfig& config);
    void close();

    int fd() const { return fd_; }
    int family() const { return family_; }
    uint16_t localPort() const;

    // Best effort: a full socket buffer drops the datagram, as UDP would anyway.
    bool sendTo(const PeerAddress& to, std::span<const uint8_t> data) const;

  private:
    int fd_ = -1;
    int family_ = AF_INET;
};

// A batch of outgoing datagrams flushed with one sendmmsg() call. Storage is fixed at
// construction so the mix thread can fill it every tick without allocating.
class SendBatch {
  public:
    SendBatch(std::size_t maxDatagrams, std::size_t maxBytes);
    ~SendBatch();
    SendBatch(const SendBatch&) = delete;
    SendBatch& operator=(const SendBatch&) = delete;

    // Returns a buffer of `bytes` bytes to fill, or an empty span when the batch is full.
    std::span<uint8_t> add(const PeerAddress& to, std::size_t bytes);
    // Sends everything queued; returns the number of datagrams the kernel refused.
    std::size_t flush(const UdpSocket& socket);
    std::size_t size() const { return count_; }
    std::size_t queuedBytes() const { return used_; }  // payload bytes waiting for flush()

  private:
    struct Impl;
    Impl* impl_;
    std::size_t count_ = 0;
    std::size_t used_ = 0;
};

}  // namespace tutti::net
