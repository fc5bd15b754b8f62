#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "protocol/framing.h"

namespace tutti::test {

struct ReceivedFrame {
    uint16_t fromPort = 0;
    uint16_t id = 0;
    std::vector<uint8_t> payload;
    std::size_t bytes = 0;
};

// A UDP socket on 127.0.0.1 playing a directory, a registering server or a client, with bounded
// waits.
class UdpPeer {
  public:
    UdpPeer();
    ~UdpPeer();
    UdpPeer(const UdpPeer&) = delete;
    UdpPeer& operator=(const UdpPeer&) = delete;

    uint16_t port() const { return port_; }
    std::size_t send(uint16_t toPort, uint16_t id, const std::vector<uint8_t>& payload = {});
    // The next frame within `timeout`, or nullopt.
    std::optional<ReceivedFrame> receive(std::chrono::milliseconds timeout);
    // Every frame arriving within `window`.
    std::vector<ReceivedFrame> collect(std::chrono::milliseconds window);
    // Frames until one with `id` arrives (included), or the timeout passes (nullopt).
    std::optional<ReceivedFrame> waitFor(uint16_t id, std::chrono::milliseconds timeout);

  private:
    int fd_ = -1;
    uint16_t port_ = 0;
};

}  // namespace tutti::test
