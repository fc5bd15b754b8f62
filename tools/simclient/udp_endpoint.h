#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace tutti::simclient {

// A non-blocking IPv4 UDP socket for test traffic. Construction throws std::system_error if
// the socket cannot be created or bound.
class UdpEndpoint {
  public:
    // Binds to bindHost:bindPort; port 0 lets the kernel choose.
    explicit UdpEndpoint(const std::string& bindHost = "127.0.0.1", std::uint16_t bindPort = 0);
    ~UdpEndpoint();
    UdpEndpoint(const UdpEndpoint&) = delete;
    UdpEndpoint& operator=(const UdpEndpoint&) = delete;

    // Returns false if the datagram could not be handed to the kernel (e.g. buffer full).
    bool sendTo(std::span<const std::uint8_t> datagram, const sockaddr_in& to);

    // One waiting datagram, or nullopt if none is queued. `from` receives its source.
    std::optional<std::size_t> receive(std::span<std::uint8_t> buffer, sockaddr_in& from);

    int fd() const { return fd_; }
    std::uint16_t localPort() const { return localPort_; }

  private:
    int fd_ = -1;
    std::uint16_t localPort_ = 0;
};

// host is a dotted IPv4 address; throws std::invalid_argument otherwise.
sockaddr_in makeAddress(const std::string& host, std::uint16_t port);

bool sameAddress(const sockaddr_in& a, const sockaddr_in& b);

// Waits until one of the descriptors is readable or the timeout passes (timeout <= 0 polls).
// Returns the readable flags in the order given.
void waitReadable(std::span<const int> fds, std::chrono::microseconds timeout,
                  std::span<bool> readable);

}  // namespace tutti::simclient
