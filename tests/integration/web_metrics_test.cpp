// The web admin port of the real server with simulated clients: the /metrics client gauge follows
// a client joining and leaving, and garbage or slow HTTP clients cost the audio nothing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server_process.h"
#include "tcp_line_peer.h"
#include "tools/simclient/sim_client.h"

namespace tutti::test {
namespace {

using simclient::Clock;
using simclient::SimClient;
using simclient::SimClientConfig;
using namespace std::chrono_literals;

// A connected TCP socket to 127.0.0.1:port (blocking), or -1.
int connectTo(uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        if (fd >= 0) {
            ::close(fd);
        }
        return -1;
    }
    return fd;
}

// The whole answer to one request (Connection: close), read with a 5 s bound; "" on failure.
std::string httpGet(uint16_t port, const std::string& path) {
    const int fd = connectTo(port);
    if (fd < 0) {
        return {};
    }
    const std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
        ::close(fd);
        return {};
    }
    std::string answer;
    const auto end = Clock::now() + 5s;
    while (Clock::now() < end) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) {
            continue;
        }
        char buffer[8192];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            break;
        }
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer;
}

// The value of an unlabelled sample in /metrics, or nullopt.
std::optional<double> metric(uint16_t port, const std::string& name) {
    const std::string text = httpGet(port, "/metrics");
    if (text.rfind("HTTP/1.1 200", 0) != 0) {
        return std::nullopt;
    }
    const std::size_t at = text.find("\n" + name + " ");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    return std::stod(text.substr(at + name.size() + 2));
}

std::unique_ptr<SimClient> client(uint16_t port, const std::string& name) {
    SimClientConfig c;
    c.serverPort = port;
    c.profile.name = name;
    return std::make_unique<SimClient>(c);
}

// Keeps `c` playing between HTTP requests until `done` or the time-out.
bool playUntil(SimClient* c, const std::function<bool()>& done, Clock::duration timeout) {
    const auto end = Clock::now() + timeout;
    while (Clock::now() < end) {
        if (c != nullptr) {
            c->runFor(200ms);
        }
        if (done()) {
            return true;
        }
    }
    return false;
}

struct WebServer {
    uint16_t webPort = TcpLinePeer::freeTcpPort();
    ServerProcess server{{"--web-admin-port", std::to_string(webPort)}};
};

TEST(WebMetrics, ClientGaugeFollowsASimulatedClient) {
    WebServer s;
    ASSERT_TRUE(s.server.started()) << s.server.stderrText();
    ASSERT_TRUE(playUntil(
        nullptr, [&] { return metric(s.webPort, "tutti_clients_connected").has_value(); }, 10s))
        << s.server.stderrText();
    EXPECT_EQ(metric(s.webPort, "tutti_clients_connected"), 0.0);

    auto c = client(s.server.port(), "Metric Mia");
    ASSERT_TRUE(playUntil(
        c.get(), [&] { return metric(s.webPort, "tutti_clients_connected") == 1.0; }, 10s));
    ASSERT_TRUE(playUntil(
        c.get(), [&] { return c->connected(); }, 10s));
    EXPECT_GT(metric(s.webPort, "tutti_received_bytes_total").value_or(0), 0);
    EXPECT_GT(metric(s.webPort, "tutti_datagrams_sent_total").value_or(0), 0);
    EXPECT_GT(metric(s.webPort, "tutti_tick_duration_seconds_count").value_or(0), 0);
    const std::string page = httpGet(s.webPort, "/api/clients");
    EXPECT_NE(page.find("\"name\":\"Metric Mia\""), std::string::npos) << page;

    c->disconnect();
    c->runFor(300ms);
    EXPECT_TRUE(playUntil(
        nullptr, [&] { return metric(s.webPort, "tutti_clients_connected") == 0.0; }, 10s));
}

TEST(WebMetrics, GarbageAndSlowHttpClientsLeaveTheAudioAlone) {
    WebServer s;
    ASSERT_TRUE(s.server.started()) << s.server.stderrText();
    auto c = client(s.server.port(), "Steady");
    ASSERT_TRUE(playUntil(
        c.get(), [&] { return c->connected(); }, 10s));

    // Slowloris connections, garbage and an oversized header, all at once.
    std::vector<int> held;
    for (int i = 0; i < 8; ++i) {
        const int fd = connectTo(s.webPort);
        ASSERT_GE(fd, 0);
        const std::string partial = "GET / HTTP/1.1\r\nX-Slow: ";
        ::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL);
        held.push_back(fd);
    }
    const int junk = connectTo(s.webPort);
    std::vector<char> noise(100000);
    for (std::size_t i = 0; i < noise.size(); ++i) {
        noise[i] = static_cast<char>((i * 7919) % 251);
    }
    ::send(junk, noise.data(), noise.size(), MSG_NOSIGNAL);

    const auto before = c->record().framesDecoded;
    c->record().lastPingRoundTrip.reset();
    c->sendPing();
    c->runFor(1500ms);
    EXPECT_GT(c->record().framesDecoded, before + 250)
        << "the mix stopped while the web port was abused";
    EXPECT_TRUE(c->record().lastPingRoundTrip.has_value()) << "no ping echo";
    EXPECT_FALSE(c->record().disconnectedByServer);
    EXPECT_EQ(metric(s.webPort, "tutti_clients_connected"), 1.0);

    for (int fd : held) {
        ::close(fd);
    }
    ::close(junk);
    EXPECT_TRUE(s.server.running());
}

}  // namespace
}  // namespace tutti::test
