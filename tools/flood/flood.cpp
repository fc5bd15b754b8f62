#include "tools/flood/flood.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>
#include <sstream>
#include <thread>

#include "protocol/connection_messages.h"
#include "protocol/framing.h"
#include "protocol/message_ids.h"

namespace tutti::flood {

namespace p = tutti::protocol;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::pair<Mode, const char*> kModes[] = {
    {Mode::Chat, "chat"},
    {Mode::Infos, "infos"},
    {Mode::Ports, "ports"},
    {Mode::Addresses, "addresses"},
    {Mode::ClientsList, "clients-list"},
    {Mode::ServerList, "server-list"},
    {Mode::Mutated, "mutated"},
    {Mode::Oversize, "oversize"},
};

uint32_t sourceIp(const FloodOptions& o, int index) {
    // 127.net.x.y with y in 1..250: never in 127.0.0.0/16, where the simulated clients live.
    const auto net = static_cast<uint32_t>(std::clamp(o.sourceNet, 1, 255));
    return (127u << 24) | (net << 16) | (static_cast<uint32_t>(index / 250) << 8) |
           static_cast<uint32_t>(index % 250 + 1);
}

int openSocket(uint32_t hostOrderIp) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    int buf = 1 << 20;
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(hostOrderIp);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Sends from `fd` with the source address chosen per datagram (IP_PKTINFO): any 127/8 address
// is local, so this reaches the server as traffic from thousands of hosts without raw sockets.
bool sendFrom(int fd, const sockaddr_in& to, uint32_t sourceHostIp, const std::vector<uint8_t>& d) {
    iovec iov{const_cast<uint8_t*>(d.data()), d.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in_pktinfo))] = {};
    msghdr m{};
    m.msg_name = const_cast<sockaddr_in*>(&to);
    m.msg_namelen = sizeof(to);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    if (sourceHostIp != 0) {
        m.msg_control = control;
        m.msg_controllen = sizeof(control);
        cmsghdr* c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = IPPROTO_IP;
        c->cmsg_type = IP_PKTINFO;
        c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
        in_pktinfo info{};
        info.ipi_spec_dst.s_addr = htonl(sourceHostIp);
        std::memcpy(CMSG_DATA(c), &info, sizeof(info));
    }
    return ::sendmsg(fd, &m, MSG_DONTWAIT) == static_cast<ssize_t>(d.size());
}

std::vector<uint8_t> audioLike(int size) {
    // The first two bytes are not the 0x0000 protocol tag, so the server takes it for audio.
    std::vector<uint8_t> d(static_cast<std::size_t>(std::max(size, 3)), 0x5A);
    d[0] = 0xAB;
    return d;
}

class Flooder {
  public:
    Flooder(const FloodOptions& o, const std::atomic<bool>& stop) : o_(o), stop_(stop) {
        to_.sin_family = AF_INET;
        to_.sin_port = htons(o.port);
        to_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }
    ~Flooder() {
        for (int fd : fds_) {
            ::close(fd);
        }
    }

    FloodResult run() {
        if (!setUp()) {
            return r_;
        }
        const auto start = Clock::now();
        const auto end = start + std::chrono::duration<double>(o_.seconds);
        auto lastDrain = start;
        while (!stop_.load(std::memory_order_relaxed) && Clock::now() < end) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            const auto due = static_cast<uint64_t>(elapsed * o_.rate);
            for (int n = 0; r_.sentDatagrams + r_.failedSends < due && n < 512; ++n) {
                sendOne();
            }
            const auto now = Clock::now();
            if (fds_.size() == 1 || now - lastDrain > std::chrono::milliseconds(20)) {
                drain();
                lastDrain = now;
            }
            if (r_.sentDatagrams + r_.failedSends >= due) {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        }
        // Late replies to what we sent still count.
        const auto tail = Clock::now() + std::chrono::milliseconds(200);
        while (Clock::now() < tail) {
            drain();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        r_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        return r_;
    }

  private:
    bool setUp() {
        if (o_.mode == Mode::Ports) {
            rlimit lim{};
            getrlimit(RLIMIT_NOFILE, &lim);
            lim.rlim_cur = std::max<rlim_t>(lim.rlim_cur, std::min<rlim_t>(lim.rlim_max, 70000));
            setrlimit(RLIMIT_NOFILE, &lim);
            for (int i = 0; i < o_.sources; ++i) {
                const int fd = openSocket(sourceIp(o_, 0));
                if (fd < 0) {
                    break;
                }
                fds_.push_back(fd);
            }
        } else if (o_.mode == Mode::Chat || o_.mode == Mode::Infos) {
            fds_.push_back(openSocket(sourceIp(o_, 0)));
        } else {
            fds_.push_back(openSocket(INADDR_ANY));
        }
        if (fds_.empty() || fds_[0] < 0) {
            r_.error = "cannot open sockets";
            return false;
        }
        if (o_.mode == Mode::Chat || o_.mode == Mode::Infos) {
            return connect();
        }
        return true;
    }

    // Chat and Infos: open a channel the way a client does, acknowledging everything.
    bool connect() {
        const auto deadline = Clock::now() + std::chrono::seconds(3);
        const std::vector<uint8_t> audio = audioLike(40);
        while (Clock::now() < deadline && !r_.connected) {
            (void)::sendto(fds_[0], audio.data(), audio.size(), MSG_DONTWAIT,
                           reinterpret_cast<const sockaddr*>(&to_), sizeof(to_));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            drain();
        }
        if (!r_.connected) {
            r_.error = "the server gave us no channel";
        }
        return r_.connected;
    }

    void sendOne() {
        std::vector<uint8_t> d;
        uint32_t source = 0;
        int fd = fds_[0];
        const auto i = static_cast<int>(next_++ % static_cast<uint64_t>(std::max(1, o_.sources)));
        switch (o_.mode) {
            case Mode::Chat:
                d = p::encodeFrame(p::ChatTextMsg::kId, counter_++,
                                   p::ChatTextMsg{"flood " + std::to_string(next_)}.encode());
                break;
            case Mode::Infos: {
                p::ChannelInfosMsg info;
                info.name = "flood" + std::to_string(next_ % 100000);
                info.city = "city" + std::to_string(next_ % 977);
                d = p::encodeFrame(p::ChannelInfosMsg::kId, counter_++, info.encode());
                break;
            }
            case Mode::Ports:
                fd = fds_[static_cast<std::size_t>(i) % fds_.size()];
                d = audioLike(o_.size);
                break;
            case Mode::Addresses:
                source = sourceIp(o_, i);
                d = audioLike(o_.size);
                break;
            case Mode::ClientsList:
                source = sourceIp(o_, i);
                d = p::encodeFrame(p::msgid::kClmReqConnClientsList, 0, {});
                break;
            case Mode::ServerList:
                source = sourceIp(o_, i);
                d = p::encodeFrame(p::msgid::kClmReqServerList, 0, {});
                break;
            case Mode::Mutated: {
                source = sourceIp(o_, i);
                std::vector<uint8_t> payload(rng_() % 48);
                for (auto& b : payload) {
                    b = static_cast<uint8_t>(rng_());
                }
                d = p::encodeFrame(static_cast<uint16_t>(rng_() % 2100),
                                   static_cast<uint8_t>(rng_()), payload);
                break;
            }
            case Mode::Oversize:
                source = sourceIp(o_, i);
                d = audioLike(o_.size);
                break;
        }
        if (o_.mode == Mode::Chat || o_.mode == Mode::Infos) {
            // Keep the channel alive with a little audio between the messages.
            if (next_ % 16 == 0) {
                const std::vector<uint8_t> audio = audioLike(40);
                (void)::sendto(fd, audio.data(), audio.size(), MSG_DONTWAIT,
                               reinterpret_cast<const sockaddr*>(&to_), sizeof(to_));
            }
        }
        if (sendFrom(fd, to_, source, d)) {
            ++r_.sentDatagrams;
            r_.sentBytes += d.size();
        } else {
            ++r_.failedSends;
        }
    }

    void drain() {
        uint8_t buf[65536];
        for (int fd : fds_) {
            for (int n = 0; n < 4096; ++n) {
                const ssize_t got = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
                if (got < 0) {
                    break;
                }
                ++r_.receivedDatagrams;
                r_.receivedBytes += static_cast<uint64_t>(got);
                if (o_.mode == Mode::Chat || o_.mode == Mode::Infos) {
                    acknowledge(fd, std::span<const uint8_t>(buf, static_cast<std::size_t>(got)));
                }
            }
        }
    }

    void acknowledge(int fd, std::span<const uint8_t> datagram) {
        const auto f = p::parseFrame(datagram);
        if (!f || f->id == p::msgid::kAckn || p::isConnectionlessId(f->id)) {
            return;
        }
        if (f->id == p::msgid::kClientId) {
            r_.connected = true;
        }
        const std::vector<uint8_t> ack =
            p::encodeFrame(p::msgid::kAckn, f->counter, p::AcknMsg{f->id}.encode());
        (void)::sendto(fd, ack.data(), ack.size(), MSG_DONTWAIT,
                       reinterpret_cast<const sockaddr*>(&to_), sizeof(to_));
    }

    FloodOptions o_;
    const std::atomic<bool>& stop_;
    sockaddr_in to_{};
    std::vector<int> fds_;
    FloodResult r_;
    uint64_t next_ = 0;
    uint8_t counter_ = 0;
    std::minstd_rand rng_{12345};
};

}  // namespace

std::optional<Mode> parseMode(const std::string& name) {
    for (const auto& [mode, text] : kModes) {
        if (name == text) {
            return mode;
        }
    }
    return std::nullopt;
}

const char* modeName(Mode mode) {
    for (const auto& [m, text] : kModes) {
        if (m == mode) {
            return text;
        }
    }
    return "?";
}

std::string FloodResult::json(Mode mode) const {
    std::ostringstream s;
    s << "{\"mode\":\"" << modeName(mode) << "\",\"seconds\":" << seconds
      << ",\"sent_datagrams\":" << sentDatagrams << ",\"sent_bytes\":" << sentBytes
      << ",\"failed_sends\":" << failedSends << ",\"received_datagrams\":" << receivedDatagrams
      << ",\"received_bytes\":" << receivedBytes << ",\"reply_ratio\":"
      << (sentBytes > 0 ? static_cast<double>(receivedBytes) / static_cast<double>(sentBytes) : 0)
      << ",\"connected\":" << (connected ? "true" : "false") << ",\"error\":\"" << error << "\"}";
    return s.str();
}

FloodResult runFlood(const FloodOptions& options, const std::atomic<bool>& stop) {
    FloodOptions o = options;
    o.seconds = std::clamp(o.seconds, 0.0, FloodOptions::kMaxSeconds);
    o.rate = std::clamp(o.rate, 1.0, FloodOptions::kMaxRate);
    o.sources = std::clamp(o.sources, 1, FloodOptions::kMaxSources);
    o.size = std::clamp(o.size, 3, 65000);
    return Flooder(o, stop).run();
}

}  // namespace tutti::flood
