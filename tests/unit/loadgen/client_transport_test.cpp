// The transport against a fake server on 127.0.0.1: who the server sees, and that its replies
// reach the right simulated client with a kernel timestamp. Loopback only, every wait bounded.
#include "tools/loadgen/client_transport.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>

namespace tutti::loadgen {
namespace {

using Clock = std::chrono::steady_clock;

class FakeServer {
  public:
    FakeServer() {
        fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t len = sizeof address_;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address_), &len);
    }
    ~FakeServer() { ::close(fd_); }

    const sockaddr_in& address() const { return address_; }

    // Waits up to 2 s for a datagram; the sender's address and the first byte.
    bool receive(sockaddr_in& from, std::uint8_t& first) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 2000) != 1) {
            return false;
        }
        std::uint8_t buffer[2048];
        socklen_t len = sizeof from;
        const auto n =
            ::recvfrom(fd_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &len);
        first = n > 0 ? buffer[0] : 0;
        return n > 0;
    }
    void send(const sockaddr_in& to, std::uint8_t first) {
        const std::uint8_t payload[3] = {first, 1, 2};
        ::sendto(fd_, payload, sizeof payload, 0, reinterpret_cast<const sockaddr*>(&to),
                 sizeof to);
    }

  private:
    int fd_ = -1;
    sockaddr_in address_{};
};

// Drains until `count` datagrams arrived or 2 s passed; client -> first byte.
std::map<int, std::uint8_t> drainUntil(ClientTransport& t, std::size_t count,
                                       std::vector<std::int64_t>* stamps = nullptr) {
    std::map<int, std::uint8_t> got;
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    while (got.size() < count && Clock::now() < deadline) {
        t.waitReadable(50);
        t.drain([&](int client, std::span<const std::uint8_t> d, std::int64_t ns) {
            got[client] = d.empty() ? 0 : d[0];
            if (stamps != nullptr) {
                stamps->push_back(ns);
            }
        });
    }
    return got;
}

TEST(ClientTransport, SharedSocketSendsEachClientFromItsOwnAddressAndMapsRepliesBack) {
    FakeServer server;
    const int clients = 3;
    ClientTransport t(server.address(), clients, SourceMode::Addresses);
    for (int i = 0; i < clients; ++i) {
        const std::uint8_t payload[2] = {static_cast<std::uint8_t>(10 + i), 0};
        t.queue(i, payload);
    }
    t.flush();
    std::map<std::string, std::uint8_t> seen;
    std::set<int> ports;
    sockaddr_in from{};
    for (int i = 0; i < clients; ++i) {
        std::uint8_t first = 0;
        ASSERT_TRUE(server.receive(from, first));
        char text[INET_ADDRSTRLEN];
        ::inet_ntop(AF_INET, &from.sin_addr, text, sizeof text);
        seen[text] = first;
        ports.insert(ntohs(from.sin_port));
        server.send(from, static_cast<std::uint8_t>(first + 100));
    }
    EXPECT_EQ(seen, (std::map<std::string, std::uint8_t>{
                        {"127.0.0.2", 10}, {"127.0.0.3", 11}, {"127.0.0.4", 12}}));
    EXPECT_EQ(ports.size(), 1u);  // one socket for everybody

    std::vector<std::int64_t> stamps;
    const auto got = drainUntil(t, clients, &stamps);
    EXPECT_EQ(got, (std::map<int, std::uint8_t>{{0, 110}, {1, 111}, {2, 112}}));
    EXPECT_EQ(t.missingTimestamps(), 0u);
    for (const auto ns : stamps) {
        EXPECT_GT(ns, 1'600'000'000LL * 1'000'000'000LL);  // CLOCK_REALTIME, after 2020
    }
    EXPECT_EQ(t.sendFailures(), 0u);

    // Traffic to an address that is no client's, and from anyone but the server, is stray.
    sockaddr_in notAClient = from;
    notAClient.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server.send(notAClient, 1);
    FakeServer stranger;
    sockaddr_in client0 = from;
    client0.sin_addr.s_addr = htonl(0x7F000002u);
    stranger.send(client0, 2);
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    std::size_t delivered = 0;
    while (t.strayDatagrams() < 2 && Clock::now() < deadline) {
        t.waitReadable(50);
        t.drain([&](int, std::span<const std::uint8_t>, std::int64_t) { ++delivered; });
    }
    EXPECT_EQ(t.strayDatagrams(), 2u);
    EXPECT_EQ(delivered, 0u);
}

TEST(ClientTransport, PortsModeGivesEveryClientItsOwnPortOnOneAddress) {
    FakeServer server;
    ClientTransport t(server.address(), 2, SourceMode::Ports);
    for (int i = 0; i < 2; ++i) {
        const std::uint8_t payload[1] = {static_cast<std::uint8_t>(20 + i)};
        t.queue(i, payload);
    }
    t.flush();
    std::set<int> ports;
    for (int i = 0; i < 2; ++i) {
        sockaddr_in from{};
        std::uint8_t first = 0;
        ASSERT_TRUE(server.receive(from, first));
        EXPECT_EQ(ntohl(from.sin_addr.s_addr), 0x7F000001u);
        ports.insert(ntohs(from.sin_port));
        server.send(from, static_cast<std::uint8_t>(first + 100));
    }
    EXPECT_EQ(ports.size(), 2u);
    const auto got = drainUntil(t, 2);
    EXPECT_EQ(got, (std::map<int, std::uint8_t>{{0, 120}, {1, 121}}));
}

TEST(ClientTransport, ALongMessageGoesOutWhole) {
    FakeServer server;
    ClientTransport t(server.address(), 1, SourceMode::Addresses);
    std::vector<std::uint8_t> big(3000, 7);
    big[0] = 42;
    t.queue(0, big);
    t.flush();
    sockaddr_in from{};
    std::uint8_t first = 0;
    ASSERT_TRUE(server.receive(from, first));
    EXPECT_EQ(first, 42);
    EXPECT_EQ(t.sendFailures(), 0u);
}

}  // namespace
}  // namespace tutti::loadgen
