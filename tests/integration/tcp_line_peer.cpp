#include "tcp_line_peer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace tutti::test {

namespace {
sockaddr_in loopback(uint16_t port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}
}  // namespace

TcpLinePeer::TcpLinePeer(uint16_t port, int receiveBuffer) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd_ < 0) {
        return;
    }
    if (receiveBuffer > 0) {
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    }
    const sockaddr_in a = loopback(port);
    ::connect(fd_, reinterpret_cast<const sockaddr*>(&a), sizeof a);
}

TcpLinePeer::~TcpLinePeer() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void TcpLinePeer::pump(bool read) {
    if (fd_ < 0 || closed_) {
        return;
    }
    while (!outgoing_.empty()) {
        const ssize_t n = ::send(fd_, outgoing_.data(), outgoing_.size(), MSG_NOSIGNAL);
        if (n > 0) {
            outgoing_.erase(0, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) {
            closed_ = true;
            return;
        }
        break;  // EAGAIN, or still connecting
    }
    if (!read) {
        return;
    }
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n > 0) {
            incoming_.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)) {
            closed_ = true;
        }
        break;
    }
    for (std::size_t nl; (nl = incoming_.find('\n')) != std::string::npos;) {
        lines_.push_back(incoming_.substr(0, nl));
        incoming_.erase(0, nl + 1);
    }
}

bool TcpLinePeer::hungUp() const {
    if (fd_ < 0) {
        return true;
    }
    pollfd p{fd_, POLLRDHUP, 0};
    return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

std::optional<std::string> TcpLinePeer::takeLine() {
    if (lines_.empty()) {
        return std::nullopt;
    }
    std::string line = lines_.front();
    lines_.pop_front();
    return line;
}

uint16_t TcpLinePeer::freeTcpPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t length = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
    ::close(fd);
    return ntohs(a.sin_port);
}

}  // namespace tutti::test
