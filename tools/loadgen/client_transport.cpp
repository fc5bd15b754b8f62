#include "tools/loadgen/client_transport.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "tools/loadgen/source_addresses.h"

namespace tutti::loadgen {
namespace {

// At 150 clients a 1 ms receive batch is ~60 mixes, but a descheduled load generator must not
// lose a burst: a few MB costs nothing on a test machine (SO_RCVBUFFORCE where we may).
constexpr int kBufferBytes = 4 << 20;

[[noreturn]] void fail(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void setBuffers(int fd) {
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &kBufferBytes, sizeof kBufferBytes) != 0) {
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &kBufferBytes, sizeof kBufferBytes);
    }
    if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &kBufferBytes, sizeof kBufferBytes) != 0) {
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &kBufferBytes, sizeof kBufferBytes);
    }
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
}

std::int64_t realtimeNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

bool sameEndpoint(const sockaddr_in& a, const sockaddr_in& b) {
    return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

}  // namespace

ClientTransport::ClientTransport(const sockaddr_in& server, int clients, SourceMode mode)
    : server_(server),
      clients_(clients),
      mode_(mode),
      txData_(static_cast<std::size_t>(kTxBatch) * kTxSlotBytes),
      rxData_(static_cast<std::size_t>(kRxBatch) * kRxBytes) {
    for (int i = 0; i < kRxBatch; ++i) {
        rxIov_[i] = iovec{rxData_.data() + static_cast<std::size_t>(i) * kRxBytes, kRxBytes};
    }
    try {
        if (mode_ == SourceMode::Addresses) {
            openShared();
        } else {
            openPerClient();
        }
    } catch (...) {
        closeAll();
        throw;
    }
}

ClientTransport::~ClientTransport() {
    closeAll();
}

void ClientTransport::closeAll() {
    if (sharedFd_ >= 0) {
        ::close(sharedFd_);
        sharedFd_ = -1;
    }
    for (int& fd : clientFds_) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
    if (epoll_ >= 0) {
        ::close(epoll_);
        epoll_ = -1;
    }
}

void ClientTransport::openShared() {
    if (clients_ > kMaxSourceAddresses) {
        throw std::system_error(EINVAL, std::generic_category(), "too many source addresses");
    }
    sharedFd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (sharedFd_ < 0) {
        fail("socket");
    }
    setBuffers(sharedFd_);
    const int on = 1;
    ::setsockopt(sharedFd_, IPPROTO_IP, IP_PKTINFO, &on, sizeof on);
    sockaddr_in any{};
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = htonl(INADDR_ANY);
    if (::bind(sharedFd_, reinterpret_cast<const sockaddr*>(&any), sizeof any) != 0) {
        fail("bind");
    }
    // The parts of every send header that never change.
    for (int i = 0; i < kTxBatch; ++i) {
        msghdr& h = txMsgs_[i].msg_hdr;
        h.msg_name = &server_;
        h.msg_namelen = sizeof server_;
        h.msg_iov = &txIov_[i];
        h.msg_iovlen = 1;
        h.msg_control = txControl_[i].data();
        h.msg_controllen = txControl_[i].size();
        cmsghdr* c = CMSG_FIRSTHDR(&h);
        c->cmsg_level = IPPROTO_IP;
        c->cmsg_type = IP_PKTINFO;
        c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
    }
}

void ClientTransport::openPerClient() {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) {
        fail("epoll_create1");
    }
    clientFds_.assign(static_cast<std::size_t>(clients_), -1);
    for (int i = 0; i < clients_; ++i) {
        const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            fail("socket");
        }
        clientFds_[static_cast<std::size_t>(i)] = fd;
        const int bufferBytes = 256 * 1024;  // one client's mixes only
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufferBytes, sizeof bufferBytes);
        const int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        const bool loopback = (ntohl(server_.sin_addr.s_addr) >> 24) == 127;
        local.sin_addr.s_addr = htonl(loopback ? INADDR_LOOPBACK : INADDR_ANY);
        if (::bind(fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0 ||
            ::connect(fd, reinterpret_cast<const sockaddr*>(&server_), sizeof server_) != 0) {
            fail("bind/connect");
        }
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = static_cast<std::uint32_t>(i);
        if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) {
            fail("epoll_ctl");
        }
    }
}

// ----------------------------------------------------------------------------- sending

void ClientTransport::queue(int client, std::span<const std::uint8_t> datagram) {
    if (client < 0 || client >= clients_ || datagram.size() > protocol::kMaxDatagram) {
        ++sendFailures_;
        return;
    }
    if (txCount_ == kTxBatch) {
        flush();
    }
    if (datagram.size() > kTxSlotBytes) {
        // Rare (a long protocol message): it goes at once, straight from the caller's bytes.
        flush();
        txIov_[0] = iovec{const_cast<std::uint8_t*>(datagram.data()), datagram.size()};
        txClient_[0] = client;
        txCount_ = 1;
        flush();
        return;
    }
    std::uint8_t* slot = txData_.data() + static_cast<std::size_t>(txCount_) * kTxSlotBytes;
    std::memcpy(slot, datagram.data(), datagram.size());
    txIov_[txCount_] = iovec{slot, datagram.size()};
    txClient_[txCount_] = client;
    ++txCount_;
}

void ClientTransport::flush() {
    if (txCount_ == 0) {
        return;
    }
    if (mode_ == SourceMode::Addresses) {
        sendShared();
    } else {
        sendPerClient();
    }
    txCount_ = 0;
}

void ClientTransport::sendShared() {
    for (int i = 0; i < txCount_; ++i) {
        in_pktinfo info{};
        info.ipi_spec_dst.s_addr = htonl(sourceAddressOf(txClient_[i]));
        std::memcpy(CMSG_DATA(CMSG_FIRSTHDR(&txMsgs_[i].msg_hdr)), &info, sizeof info);
    }
    int done = 0;
    while (done < txCount_) {
        const int n =
            ::sendmmsg(sharedFd_, txMsgs_.data() + done, static_cast<unsigned>(txCount_ - done), 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            // Full send buffer or refused: this datagram is lost, as it would be for a real
            // client; the rest of the batch still goes.
            ++sendFailures_;
            ++done;
            continue;
        }
        done += n;
    }
}

void ClientTransport::sendPerClient() {
    for (int i = 0; i < txCount_; ++i) {
        const int fd = clientFds_[static_cast<std::size_t>(txClient_[i])];
        if (::send(fd, txIov_[i].iov_base, txIov_[i].iov_len, 0) !=
            static_cast<ssize_t>(txIov_[i].iov_len)) {
            ++sendFailures_;
        }
    }
}

// ----------------------------------------------------------------------------- receiving

void ClientTransport::drain(const Handler& handler) {
    if (mode_ == SourceMode::Addresses) {
        receiveFrom(sharedFd_, -1, handler);
        return;
    }
    std::array<epoll_event, 256> events{};
    int n = 0;
    do {
        n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 0);
        for (int i = 0; i < n; ++i) {
            const int client = static_cast<int>(events[static_cast<std::size_t>(i)].data.u32);
            receiveFrom(clientFds_[static_cast<std::size_t>(client)], client, handler);
        }
    } while (n == static_cast<int>(events.size()));
}

void ClientTransport::receiveFrom(int fd, int knownClient, const Handler& handler) {
    for (;;) {
        for (int i = 0; i < kRxBatch; ++i) {
            msghdr& h = rxMsgs_[i].msg_hdr;
            h = msghdr{};
            h.msg_name = &rxFrom_[i];
            h.msg_namelen = sizeof(sockaddr_in);
            h.msg_iov = &rxIov_[i];
            h.msg_iovlen = 1;
            h.msg_control = rxControl_[i].data();
            h.msg_controllen = rxControl_[i].size();
        }
        const int n = ::recvmmsg(fd, rxMsgs_.data(), kRxBatch, MSG_DONTWAIT, nullptr);
        if (n <= 0) {
            return;
        }
        std::int64_t readNs = -1;  // one clock read per batch, and only if the kernel gave none
        for (int i = 0; i < n; ++i) {
            msghdr& h = rxMsgs_[i].msg_hdr;
            if ((h.msg_flags & MSG_TRUNC) != 0 || !sameEndpoint(rxFrom_[i], server_)) {
                ++strayDatagrams_;
                continue;
            }
            std::int64_t arrivalNs = -1;
            int client = knownClient;
            for (cmsghdr* c = CMSG_FIRSTHDR(&h); c != nullptr; c = CMSG_NXTHDR(&h, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                    timespec ts{};
                    std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                    arrivalNs = static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
                } else if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO &&
                           knownClient < 0) {
                    in_pktinfo info{};
                    std::memcpy(&info, CMSG_DATA(c), sizeof info);
                    client =
                        clientOfSourceAddress(ntohl(info.ipi_addr.s_addr), clients_).value_or(-1);
                }
            }
            if (client < 0) {
                ++strayDatagrams_;
                continue;
            }
            if (arrivalNs < 0) {
                ++missingTimestamps_;
                if (readNs < 0) {
                    readNs = realtimeNs();
                }
                arrivalNs = readNs;
            }
            handler(client,
                    std::span<const std::uint8_t>(
                        static_cast<const std::uint8_t*>(rxIov_[i].iov_base), rxMsgs_[i].msg_len),
                    arrivalNs);
        }
        if (n < kRxBatch) {
            return;  // the queue is empty: spare the call that would say so
        }
    }
}

void ClientTransport::waitReadable(int timeoutMs) {
    if (mode_ == SourceMode::Addresses) {
        pollfd p{sharedFd_, POLLIN, 0};
        ::poll(&p, 1, timeoutMs);
    } else {
        epoll_event ev{};
        ::epoll_wait(epoll_, &ev, 1, timeoutMs);
    }
}

}  // namespace tutti::loadgen
