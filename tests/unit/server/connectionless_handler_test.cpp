// ServerCore's hook for connectionless messages it does not handle itself (the directory's).
#include <gtest/gtest.h>

#include "protocol/messages.h"
#include "server_test_harness.h"

namespace tutti::server::test {
namespace {

namespace p = tutti::protocol;

struct RecordingHandler : ConnectionlessHandler {
    void onConnectionless(uint16_t id, std::span<const uint8_t> payload,
                          const net::PeerAddress& from, Clock::time_point) override {
        ids.push_back(id);
        payloads.emplace_back(payload.begin(), payload.end());
        senders.push_back(from);
    }
    void onPingAnswered(const net::PeerAddress& from, Clock::time_point) override {
        pinged.push_back(from);
    }
    void onTimer(Clock::time_point) override { ++ticks; }
    void onShutdown() override { ++shutdowns; }

    std::vector<uint16_t> ids;
    std::vector<std::vector<uint8_t>> payloads;
    std::vector<net::PeerAddress> senders;
    std::vector<net::PeerAddress> pinged;
    int ticks = 0;
    int shutdowns = 0;
};

ServerConfig config() {
    ServerConfig c;
    c.maxChannels = 2;
    c.version = "3.11.0-tutti";
    return c;
}

TEST(ConnectionlessHandler, GetsTheIdsServerCoreDoesNotAnswer) {
    ServerHarness h(config());
    RecordingHandler handler;
    h.core.setConnectionlessHandler(&handler);
    const auto a = ServerHarness::client(4000);
    h.send(a, p::ClmRegisterServerRespMsg{0}, 0);
    h.send(a, p::ClmSendEmptyMessageMsg{0x7F000001, 22664}, 0);
    h.send(a, p::ClmReqServerListMsg{}, 0);
    h.send(a, p::ClmReqVersionAndOsMsg{}, 0);  // answered by ServerCore, not forwarded
    EXPECT_EQ(handler.ids,
              (std::vector<uint16_t>{p::ClmRegisterServerRespMsg::kId,
                                     p::ClmSendEmptyMessageMsg::kId, p::ClmReqServerListMsg::kId}));
    EXPECT_EQ(handler.payloads[1], (p::ClmSendEmptyMessageMsg{0x7F000001, 22664}.encode()));
    EXPECT_EQ(handler.senders[0], a);
}

TEST(ConnectionlessHandler, IsToldOfAnsweredPingsTicksAndTheCleanStop) {
    ServerHarness h(config());
    RecordingHandler handler;
    h.core.setConnectionlessHandler(&handler);
    const auto a = ServerHarness::client(4001);
    h.send(a, p::ClmPingMsMsg{5}, 0);
    h.send(a, p::ClmPingMsWithNumClientsMsg{6, 0}, 0);
    EXPECT_EQ(handler.pinged, (std::vector<net::PeerAddress>{a, a}));
    EXPECT_EQ(h.takeFramesTo(a).size(), 2u);  // both pings were still answered
    h.core.onTimer(h.now);
    EXPECT_EQ(handler.ticks, 1);
    h.core.shutdown();
    EXPECT_EQ(handler.shutdowns, 1);
}

TEST(ConnectionlessHandler, WithoutAHandlerDirectoryMessagesAreDropped) {
    ServerHarness h(config());
    const auto a = ServerHarness::client(4002);
    h.send(a, p::ClmSendEmptyMessageMsg{0x7F000001, 22664}, 0);
    h.send(a, p::ClmReqServerListMsg{}, 0);
    EXPECT_TRUE(h.sent.empty());
}

}  // namespace
}  // namespace tutti::server::test
