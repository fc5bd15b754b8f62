#include "tools/simclient/udp_endpoint.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace tutti::simclient {

sockaddr_in makeAddress(const std::string& host, std::uint16_t port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        throw std::invalid_argument("not an IPv4 address: " + host);
    }
    return addr;
}

bool sameAddress(const sockaddr_in& a, const sockaddr_in& b) {
    return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

UdpEndpoint::UdpEndpoint(const std::string& bindHost, std::uint16_t bindPort) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        throw std::system_error(errno, std::generic_category(), "socket");
    }
    // Many simulated clients at 375-750 datagrams/s each: a roomy receive buffer avoids drops
    // that would be blamed on the server.
    const int bufferBytes = 1 << 20;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &bufferBytes, sizeof bufferBytes);
    const sockaddr_in addr = makeAddress(bindHost, bindPort);
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        const int err = errno;
        ::close(fd_);
        throw std::system_error(err, std::generic_category(), "bind");
    }
    sockaddr_in bound{};
    socklen_t len = sizeof bound;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &len);
    localPort_ = ntohs(bound.sin_port);
}

UdpEndpoint::~UdpEndpoint() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool UdpEndpoint::sendTo(std::span<const std::uint8_t> datagram, const sockaddr_in& to) {
    const ssize_t n = ::sendto(fd_, datagram.data(), datagram.size(), 0,
                               reinterpret_cast<const sockaddr*>(&to), sizeof to);
    return n == static_cast<ssize_t>(datagram.size());
}

std::optional<std::size_t> UdpEndpoint::receive(std::span<std::uint8_t> buffer, sockaddr_in& from) {
    socklen_t len = sizeof from;
    const ssize_t n =
        ::recvfrom(fd_, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n < 0) {
        return std::nullopt;  // EAGAIN, or an ICMP error report from an earlier send
    }
    return static_cast<std::size_t>(n);
}

void waitReadable(std::span<const int> fds, std::chrono::microseconds timeout,
                  std::span<bool> readable) {
    std::vector<pollfd> pfds;
    pfds.reserve(fds.size());
    for (int fd : fds) {
        pfds.push_back(pollfd{fd, POLLIN, 0});
    }
    // ppoll rather than poll: frame periods are 1.33 ms, finer than poll's milliseconds.
    const long long us = timeout.count() < 0 ? 0 : timeout.count();
    const timespec ts{static_cast<time_t>(us / 1'000'000),
                      static_cast<long>(us % 1'000'000) * 1000};
    const int rc = ::ppoll(pfds.data(), pfds.size(), &ts, nullptr);
    for (std::size_t i = 0; i < readable.size() && i < pfds.size(); ++i) {
        readable[i] = rc > 0 && (pfds[i].revents & (POLLIN | POLLERR)) != 0;
    }
}

}  // namespace tutti::simclient
