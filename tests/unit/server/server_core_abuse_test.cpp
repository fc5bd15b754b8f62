// ServerCore's hooks into the abuse defences (issue 8), driven through the test harness.
#include <gtest/gtest.h>

#include <algorithm>

#include "protocol/messages.h"
#include "server_test_harness.h"

namespace tutti::server::test {
namespace {

namespace p = tutti::protocol;
using namespace std::chrono_literals;

ServerConfig config(int channels) {
    ServerConfig c;
    c.maxChannels = channels;
    c.version = "3.11.0-tutti";
    return c;
}

net::PeerAddress stranger(uint32_t n, uint16_t port = 22300) {
    return net::PeerAddress::fromIpv4(0x0A000000u + n, port);
}

bool logHas(const ServerHarness& h, const std::string& text) {
    return std::any_of(h.log.begin(), h.log.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

void connectAndAck(ServerHarness& h, const net::PeerAddress& a) {
    h.audioFrom(a);
    h.ackEverything(a);
}

TEST(ServerCoreAbuse, ClientThatNeverAcknowledgesIsDisconnectedWhenItsQueueOverflows) {
    ServerHarness h(config(4));
    const auto talker = ServerHarness::client(1001);
    const auto deaf = ServerHarness::client(1002);
    connectAndAck(h, talker);
    h.audioFrom(deaf);  // never acknowledges anything
    uint8_t counter = 0;
    // Chat is rate-limited per sender, so this takes a while of simulated time.
    for (int i = 0; i < 4000 && h.core.connectedCount() == 2; ++i) {
        h.send(talker, p::ChatTextMsg{std::string(200, 'x')}, counter++);
        h.ackEverything(talker);
        h.advance(100ms);
        for (int slot = 0; slot < 2; ++slot) {  // both keep sending audio
            h.link.lastAudioNs[slot].store(
                std::chrono::duration_cast<std::chrono::nanoseconds>(h.now.time_since_epoch())
                    .count());
        }
        h.core.onTimer(h.now);
    }
    EXPECT_EQ(h.core.connectedCount(), 1);
    EXPECT_EQ(h.core.overflowDisconnects(), 1u);
    EXPECT_TRUE(logHas(h, "does not acknowledge our messages fast enough"));
}

TEST(ServerCoreAbuse, ChatFloodIsRelayedOnlyAtTheLimitedRate) {
    ServerHarness h(config(4));
    const auto talker = ServerHarness::client(1001);
    const auto listener = ServerHarness::client(1002);
    connectAndAck(h, talker);
    connectAndAck(h, listener);
    uint8_t counter = 0;
    for (int i = 0; i < 1000; ++i) {  // 1000 chat lines within one second
        h.send(talker, p::ChatTextMsg{"spam"}, counter++);
        h.advance(1ms);
    }
    const auto ids = h.ackEverything(listener);
    const auto chats = std::count(ids.begin(), ids.end(), p::ChatTextMsg::kId);
    EXPECT_LE(chats, static_cast<long>(ClientMessageLimiter::kCostlyBurst +
                                       ClientMessageLimiter::kCostlyPerSecond + 1));
    EXPECT_GT(chats, 0);
    EXPECT_GT(h.core.droppedProtocolDatagrams(), 900u);
}

TEST(ServerCoreAbuse, UnansweredChannelGivesWayToAClientThatAnswersTheChallenge) {
    ServerHarness h(config(2));
    h.audioFrom(stranger(1));
    h.audioFrom(stranger(2));
    ASSERT_EQ(h.core.connectedCount(), 2);
    h.advance(2s);
    h.core.onTimer(h.now);
    const auto real = ServerHarness::client(1003);
    h.audioFrom(real);
    const auto challenge = h.takeFramesTo(real);
    ASSERT_EQ(challenge.size(), 1u);
    EXPECT_EQ(challenge[0].id, p::ClientIdMsg::kId);
    EXPECT_EQ(challenge[0].counter, 0);
    const uint8_t slot = p::ClientIdMsg::decode(challenge[0].payload)->channel;
    EXPECT_EQ(slot, 0);  // the oldest unanswered channel

    h.send(real, p::AcknMsg{p::ClientIdMsg::kId}, 0);
    EXPECT_EQ(h.core.connectedCount(), 2);
    EXPECT_EQ(h.core.channelsGivenWay(), 1u);
    EXPECT_TRUE(h.core.channel(slot).connected);
    EXPECT_EQ(h.core.channel(slot).address, real);
    EXPECT_TRUE(logHas(h, "gives way to a new client"));
    // The rest of the connect conversation follows; CLIENT_ID is already acknowledged.
    const auto ids = h.ackEverything(real);
    EXPECT_NE(std::find(ids.begin(), ids.end(), p::ConnClientsListMsg::kId), ids.end());
}

TEST(ServerCoreAbuse, EstablishedChannelsNeverGiveWay) {
    ServerHarness h(config(2));
    connectAndAck(h, ServerHarness::client(1001));
    connectAndAck(h, ServerHarness::client(1002));
    h.advance(5s);
    const auto newcomer = ServerHarness::client(1003);
    h.audioFrom(newcomer);
    const auto frames = h.takeFramesTo(newcomer);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].id, p::ClmServerFullMsg::kId);
    // An acknowledgement nobody asked for changes nothing.
    h.send(newcomer, p::AcknMsg{p::ClientIdMsg::kId}, 0);
    EXPECT_EQ(h.core.channelsGivenWay(), 0u);
}

TEST(ServerCoreAbuse, OneAddressHoldsAtMostItsLimit) {
    ServerConfig c = config(10);
    c.maxChannelsPerAddress = 3;
    ServerHarness h(c);
    for (uint16_t port = 2000; port < 2010; ++port) {
        h.audioFrom(stranger(7, port));
    }
    EXPECT_EQ(h.core.connectedCount(), 3);
    h.audioFrom(stranger(8));
    EXPECT_EQ(h.core.connectedCount(), 4);
}

TEST(ServerCoreAbuse, SpoofedClientListRequestsAreAnsweredWithinTheBudget) {
    ServerHarness h(config(20));
    for (uint16_t i = 0; i < 15; ++i) {
        const auto a = ServerHarness::client(static_cast<uint16_t>(3000 + i));
        connectAndAck(h, a);
        p::ChannelInfosMsg info;
        info.name = "musician" + std::to_string(i);
        info.city = "Somewhere far away";
        h.send(a, info, 100);
        h.ackEverything(a);
    }
    h.sent.clear();
    std::size_t requestBytes = 0;
    const auto request = p::encodeFrame(p::ClmReqConnClientsListMsg::kId, 0, {});
    for (uint32_t i = 0; i < 40000; ++i) {  // 2 s at 20000 requests per second
        h.messageFrom(stranger(i % 4096), p::ClmReqConnClientsListMsg::kId, 0, {});
        requestBytes += request.size();
        h.now += 50us;
    }
    std::size_t replyBytes = 0;
    for (const auto& s : h.sent) {
        replyBytes += s.bytes.size();
    }
    EXPECT_LT(replyBytes, requestBytes);
    EXPECT_GT(replyBytes, 0u);  // the first requests were answered in full
    // A client with an established channel is answered whatever the budget says.
    h.sent.clear();
    h.messageFrom(ServerHarness::client(3000), p::ClmReqConnClientsListMsg::kId, 0, {});
    EXPECT_EQ(h.takeFramesTo(ServerHarness::client(3000)).size(), 1u);
}

}  // namespace
}  // namespace tutti::server::test
