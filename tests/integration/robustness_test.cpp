// Hostile and malformed datagrams must never crash or stall the server.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>

#include "protocol/framing.h"
#include "protocol/messages.h"
#include "server_process.h"

namespace tutti::test {
namespace {

namespace p = tutti::protocol;

class UdpSender {
  public:
    explicit UdpSender(uint16_t port) : fd_(socket(AF_INET, SOCK_DGRAM, 0)) {
        to_.sin_family = AF_INET;
        to_.sin_port = htons(port);
        to_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }
    ~UdpSender() { close(fd_); }
    void send(const std::vector<uint8_t>& d) {
        sendto(fd_, d.data(), d.size(), 0, reinterpret_cast<sockaddr*>(&to_), sizeof(to_));
    }

  private:
    int fd_;
    sockaddr_in to_{};
};

bool answersPing(uint16_t port) {
    const auto ping = p::encodeFrame(p::ClmPingMsMsg::kId, 0, p::ClmPingMsMsg{7}.encode());
    for (int i = 0; i < 10; ++i) {
        const auto reply = requestReply(port, ping, std::chrono::milliseconds(200));
        if (auto f = p::parseFrame(reply); f && f->id == p::ClmPingMsMsg::kId) {
            return true;
        }
    }
    return false;
}

TEST(Robustness, MalformedDatagramsAreSurvived) {
    ServerProcess server({"-u", "4"});
    ASSERT_TRUE(server.started());
    std::mt19937 rng(1234);
    std::vector<std::vector<uint8_t>> senders_payloads;

    // From a handful of addresses (each opens at most one channel), send every kind of garbage.
    for (int s = 0; s < 6; ++s) {
        UdpSender sender(server.port());
        for (int i = 0; i < 3000; ++i) {
            std::vector<uint8_t> d;
            switch (i % 6) {
                case 0:  // random bytes, random length up to 1500
                    d.resize(rng() % 1500);
                    for (auto& b : d)
                        b = static_cast<uint8_t>(rng());
                    break;
                case 1: {  // valid frame with a wrong CRC
                    d = p::encodeFrame(18, 0, p::ChatTextMsg{"x"}.encode());
                    d.back() ^= 0x55;
                    break;
                }
                case 2: {  // a frame claiming a huge payload
                    d = {0, 0, 18, 0, 0, 0xff, 0xff, 1, 2, 3};
                    break;
                }
                case 3: {  // unknown ids, connection and connectionless
                    d = p::encodeFrame(static_cast<uint16_t>(rng() % 3000),
                                       static_cast<uint8_t>(rng()),
                                       std::vector<uint8_t>(rng() % 40, 0xab));
                    break;
                }
                case 4: {  // well-formed frames with truncated payloads
                    auto full = p::encodeFrame(
                        25, 1, p::ChannelInfosMsg{82, 1, 2, "name", "city"}.encode());
                    std::vector<uint8_t> payload(full.begin() + 7, full.end() - 2);
                    payload.resize(rng() % payload.size());
                    d = p::encodeFrame(25, 1, payload);
                    break;
                }
                default:  // empty and tiny datagrams
                    d.resize(rng() % 3);
                    break;
            }
            sender.send(d);
        }
        ASSERT_TRUE(answersPing(server.port())) << "server stopped answering after sender " << s;
    }
    // Oversized datagram (bigger than any receive buffer would accept as legitimate).
    UdpSender big(server.port());
    big.send(std::vector<uint8_t>(30000, 0x11));
    EXPECT_TRUE(answersPing(server.port()));
    EXPECT_TRUE(server.running());
    EXPECT_EQ(server.stop(), 0);
}

TEST(Robustness, ConnectionlessProbesAnswer) {
    ServerProcess server;
    ASSERT_TRUE(server.started());
    auto reply = requestReply(server.port(),
                              p::encodeFrame(p::ClmPingMsWithNumClientsMsg::kId, 0,
                                             p::ClmPingMsWithNumClientsMsg{99, 0}.encode()),
                              std::chrono::seconds(2));
    auto f = p::parseFrame(reply);
    ASSERT_TRUE(f);
    ASSERT_EQ(f->id, p::ClmPingMsWithNumClientsMsg::kId);
    EXPECT_EQ(p::ClmPingMsWithNumClientsMsg::decode(f->payload)->timeMs, 99u);
    EXPECT_EQ(p::ClmPingMsWithNumClientsMsg::decode(f->payload)->numClients, 0);

    reply = requestReply(server.port(), p::encodeFrame(p::ClmReqVersionAndOsMsg::kId, 0, {}),
                         std::chrono::seconds(2));
    f = p::parseFrame(reply);
    ASSERT_TRUE(f);
    ASSERT_EQ(f->id, p::ClmVersionAndOsMsg::kId);
    const auto v = p::ClmVersionAndOsMsg::decode(f->payload);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->version.rfind("3.", 0), 0u) << v->version;
}

}  // namespace
}  // namespace tutti::test
