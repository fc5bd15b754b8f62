#include "udp_peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tutti::test {

UdpPeer::UdpPeer() : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    socklen_t len = sizeof(a);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
}

UdpPeer::~UdpPeer() {
    ::close(fd_);
}

std::size_t UdpPeer::send(uint16_t toPort, uint16_t id, const std::vector<uint8_t>& payload) {
    const std::vector<uint8_t> d = protocol::encodeFrame(id, 0, payload);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(toPort);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::sendto(fd_, d.data(), d.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof(to));
    return d.size();
}

std::optional<ReceivedFrame> UdpPeer::receive(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fd_, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
            return std::nullopt;
        }
        std::vector<uint8_t> buf(65536);
        sockaddr_in from{};
        socklen_t len = sizeof(from);
        const ssize_t n =
            ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
        if (n <= 0) {
            continue;
        }
        buf.resize(static_cast<std::size_t>(n));
        if (auto f = protocol::parseFrame(buf)) {
            return ReceivedFrame{ntohs(from.sin_port), f->id,
                                 std::vector<uint8_t>(f->payload.begin(), f->payload.end()),
                                 static_cast<std::size_t>(n)};
        }
    }
}

std::vector<ReceivedFrame> UdpPeer::collect(std::chrono::milliseconds window) {
    std::vector<ReceivedFrame> out;
    const auto deadline = std::chrono::steady_clock::now() + window;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return out;
        }
        if (auto f = receive(left)) {
            out.push_back(std::move(*f));
        }
    }
}

std::optional<ReceivedFrame> UdpPeer::waitFor(uint16_t id, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return std::nullopt;
        }
        auto f = receive(left);
        if (f && f->id == id) {
            return f;
        }
    }
}

}  // namespace tutti::test
