#include "src/net/udp_socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace tutti::net {

UdpSocket::~UdpSocket() {
    close();
}

void UdpSocket::close() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

std::string UdpSocket::open(const SocketConfig& config) {
    close();
    const bool dualStack = config.ipv6 && config.bindIpv4.empty();
    family_ = dualStack ? AF_INET6 : AF_INET;
    if (config.inheritedFd >= 0) {
        // Socket activation: systemd bound it (and chose the family); it hands it over
        // non-blocking, and we want it blocking like our own (see below).
        sockaddr_storage ss{};
        socklen_t len = sizeof(ss);
        if (getsockname(config.inheritedFd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
            return std::string("unusable socket from systemd: ") + std::strerror(errno);
        }
        family_ = ss.ss_family;
        fd_ = config.inheritedFd;
        fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
        fcntl(fd_, F_SETFD, FD_CLOEXEC);
    }
    // A blocking socket: every send passes MSG_DONTWAIT, so only a receive thread ever waits,
    // in one recvmmsg() call per wake-up instead of poll() + recvmmsg() + a final EAGAIN.
    if (fd_ < 0) {
        fd_ = ::socket(family_, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    }
    if (fd_ < 0 && dualStack) {
        // A kernel without IPv6 still serves IPv4 clients.
        family_ = AF_INET;
        fd_ = ::socket(family_, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    }
    if (fd_ < 0) {
        return std::string("cannot create socket: ") + std::strerror(errno);
    }

    // A receive thread's wait (TUTTI_RECEIVE_DRAINS_PER_TICK=0) is bounded so it notices a stop
    // request and new bindings.
    timeval timeout{0, 20000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));

    // Bigger kernel buffers absorb bursts of many clients' datagrams arriving in one tick. As
    // root (or with CAP_NET_ADMIN) the size is not capped by net.core.rmem_max/wmem_max.
    int buf = kSocketBufferBytes;
    if (setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)) != 0) {
        setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
    }
    if (setsockopt(fd_, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof(buf)) != 0) {
        setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
    }
    attachSizeFilter(fd_, config.maxDatagramBytes);

    int qos = config.qos;
    if (family_ == AF_INET6) {
        int off = 0;
        // (An inherited, bound socket keeps what systemd set: BindIPv6Only=.)
        setsockopt(fd_, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
        if (setsockopt(fd_, IPPROTO_IPV6, IPV6_TCLASS, &qos, sizeof(qos)) != 0) {
            return std::string("cannot set IPv6 traffic class: ") + std::strerror(errno);
        }
    }
    // On a dual-stack socket IPv4 traffic still uses IP_TOS.
    if (setsockopt(fd_, IPPROTO_IP, IP_TOS, &qos, sizeof(qos)) != 0 && family_ == AF_INET) {
        return std::string("cannot set IP TOS: ") + std::strerror(errno);
    }

    if (config.inheritedFd >= 0) {
        return {};  // already bound
    }
    if (config.reusePort) {
        int on = 1;
        if (setsockopt(fd_, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) != 0) {
            std::string err = std::strerror(errno);
            close();
            return "cannot share the port between two sockets: " + err;
        }
    }
    int rc;
    if (family_ == AF_INET6) {
        sockaddr_in6 a{};
        a.sin6_family = AF_INET6;
        a.sin6_addr = in6addr_any;
        a.sin6_port = htons(config.port);
        rc = ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    } else {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(config.port);
        a.sin_addr.s_addr = htonl(INADDR_ANY);
        if (!config.bindIpv4.empty() &&
            inet_pton(AF_INET, config.bindIpv4.c_str(), &a.sin_addr) != 1) {
            return "invalid bind address " + config.bindIpv4;
        }
        rc = ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    }
    if (rc != 0) {
        std::string err = std::strerror(errno);
        close();
        return "cannot bind the socket: " + err;
    }
    return {};
}

// Datagrams longer than any valid one are dropped by the kernel before they take room in the
// socket buffer (a classic BPF socket filter; for UDP the length includes the 8-byte header), so
// a flood of them cannot push clients' audio out. Best effort: without it the socket reader
// drops them itself.
void attachSizeFilter(int fd, std::size_t maxDatagramBytes) {
    if (maxDatagramBytes == 0) {
        return;
    }
    sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
        BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, static_cast<uint32_t>(maxDatagramBytes + 8), 0, 1),
        BPF_STMT(BPF_RET | BPF_K, 0),
        BPF_STMT(BPF_RET | BPF_K, 0xFFFFFFFFu),
    };
    sock_fprog program{static_cast<unsigned short>(sizeof(code) / sizeof(code[0])), code};
    setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof(program));
}

uint16_t UdpSocket::localPort() const {
    sockaddr_storage ss{};
    socklen_t len = sizeof(ss);
    if (fd_ < 0 || getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
        return 0;
    }
    return PeerAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&ss), len).port();
}

bool UdpSocket::sendTo(const PeerAddress& to, std::span<const uint8_t> data) const {
    PeerAddress dst = to.forSocketFamily(family_);
    if (fd_ < 0 || !dst.valid()) {
        return false;
    }
    return ::sendto(fd_, data.data(), data.size(), MSG_DONTWAIT, dst.sockaddrPtr(),
                    dst.sockaddrLen()) == static_cast<ssize_t>(data.size());
}

struct SendBatch::Impl {
    std::vector<uint8_t> bytes;
    std::vector<PeerAddress> addresses;
    std::vector<iovec> iov;
    std::vector<mmsghdr> msgs;
};

SendBatch::SendBatch(std::size_t maxDatagrams, std::size_t maxBytes) : impl_(new Impl) {
    impl_->bytes.resize(maxBytes);
    impl_->addresses.resize(maxDatagrams);
    impl_->iov.resize(maxDatagrams);
    impl_->msgs.resize(maxDatagrams);
}

SendBatch::~SendBatch() {
    delete impl_;
}

std::span<uint8_t> SendBatch::add(const PeerAddress& to, std::size_t bytes) {
    if (count_ == impl_->msgs.size() || used_ + bytes > impl_->bytes.size()) {
        return {};
    }
    uint8_t* p = impl_->bytes.data() + used_;
    impl_->addresses[count_] = to;
    impl_->iov[count_] = iovec{p, bytes};
    used_ += bytes;
    ++count_;
    return {p, bytes};
}

std::size_t SendBatch::flush(const UdpSocket& socket) {
    std::size_t refused = 0;
    for (std::size_t i = 0; i < count_; ++i) {
        impl_->addresses[i] = impl_->addresses[i].forSocketFamily(socket.family());
        mmsghdr& m = impl_->msgs[i];
        m = mmsghdr{};
        m.msg_hdr.msg_name = const_cast<sockaddr*>(impl_->addresses[i].sockaddrPtr());
        m.msg_hdr.msg_namelen = impl_->addresses[i].sockaddrLen();
        m.msg_hdr.msg_iov = &impl_->iov[i];
        m.msg_hdr.msg_iovlen = 1;
    }
    std::size_t sent = 0;
    while (sent < count_) {
        int n = ::sendmmsg(socket.fd(), impl_->msgs.data() + sent,
                           static_cast<unsigned>(count_ - sent), MSG_DONTWAIT);
        if (n <= 0) {
            // Skip the datagram the kernel refused (full buffer, unreachable peer) and go on:
            // one bad peer must not cost everybody else their mix.
            ++refused;
            ++sent;
            continue;
        }
        sent += static_cast<std::size_t>(n);
    }
    count_ = 0;
    used_ = 0;
    return refused;
}

}  // namespace tutti::net
