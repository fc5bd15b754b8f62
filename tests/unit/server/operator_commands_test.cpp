// ServerCore's side of the command layer: events for the operator, operator chat, kicking and
// the welcome message set at run time.
#include <gtest/gtest.h>

#include "protocol/messages.h"
#include "server_test_harness.h"

namespace tutti::server::test {
namespace {

namespace p = tutti::protocol;
using std::chrono::milliseconds;

std::vector<std::string> chatsIn(const std::vector<DecodedFrame>& frames) {
    std::vector<std::string> out;
    for (const auto& f : frames) {
        if (f.id == p::ChatTextMsg::kId) {
            out.push_back(p::ChatTextMsg::decode(f.payload)->text);
        }
    }
    return out;
}

bool contains(const std::vector<DecodedFrame>& frames, uint16_t id) {
    for (const auto& f : frames) {
        if (f.id == id) {
            return true;
        }
    }
    return false;
}

struct Recorder : ServerEventListener {
    std::vector<std::string> events;
    void clientConnected(int slot, const net::PeerAddress& a, int total) override {
        events.push_back("connected " + std::to_string(slot) + " " + a.ipText() + " " +
                         std::to_string(total));
    }
    void clientDisconnected(int slot) override {
        events.push_back("disconnected " + std::to_string(slot));
    }
    void clientProfileChanged(int slot) override {
        events.push_back("profile " + std::to_string(slot));
    }
    void chatRelayed(int slot, const std::string& html) override {
        events.push_back("chat " + std::to_string(slot) + " " + html);
    }
};

TEST(OperatorEvents, ConnectProfileChatAndDisconnectAreReported) {
    ServerHarness h(defaultConfig());
    Recorder r;
    h.core.setEventListener(&r);
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    connect(h, a, "Alice");
    connect(h, b);
    p::ChannelInfosMsg same;
    same.name = "Alice";
    same.city = "Town";
    same.country = 82;
    h.send(a, same, 101);  // unchanged: no event
    h.ackEverything(a);
    h.send(a, p::ChatTextMsg{"hi <there>"}, 102);
    h.ackEverything(a);
    h.messageFrom(b, p::ClmDisconnectionMsg::kId, 0, {});
    ASSERT_EQ(r.events.size(), 5u);
    EXPECT_EQ(r.events[0], "connected 0 127.0.0.1 1");
    EXPECT_EQ(r.events[1], "profile 0");
    EXPECT_EQ(r.events[2], "connected 1 127.0.0.1 2");
    // The HTML exactly as clients got it: coloured name, time stamp, escaped text.
    EXPECT_EQ(r.events[3].rfind("chat 0 <font color=", 0), 0u) << r.events[3];
    EXPECT_NE(r.events[3].find("<b>Alice</b></font> hi &lt;there&gt;"), std::string::npos)
        << r.events[3];
    EXPECT_EQ(r.events[4], "disconnected 1");
    // A time-out is a disconnect too.
    h.advance(ServerCore::kChannelTimeout + milliseconds(100));
    h.core.onTimer(h.now);
    EXPECT_EQ(r.events.back(), "disconnected 0");
    h.core.setEventListener(nullptr);
}

TEST(OperatorChat, BroadcastGoesToEveryoneAsIs) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    connect(h, a, "Alice");
    connect(h, b, "Bob");
    h.core.broadcastChat("Server <i>says</i> hi", h.now);
    std::vector<DecodedFrame> fa;
    std::vector<DecodedFrame> fb;
    h.ackEverything(a, &fa);
    h.ackEverything(b, &fb);
    EXPECT_EQ(chatsIn(fa), std::vector<std::string>{"Server <i>says</i> hi"});
    EXPECT_EQ(chatsIn(fb), std::vector<std::string>{"Server <i>says</i> hi"});
}

TEST(OperatorChat, PrivateChatReachesOnlyThatClient) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    connect(h, a, "Alice");
    const int bob = connect(h, b, "Bob");
    EXPECT_TRUE(h.core.sendChat(bob, "just for you", h.now));
    EXPECT_FALSE(h.core.sendChat(3, "nobody there", h.now));
    EXPECT_FALSE(h.core.sendChat(-1, "x", h.now));
    EXPECT_FALSE(h.core.sendChat(99, "x", h.now));
    std::vector<DecodedFrame> fa;
    std::vector<DecodedFrame> fb;
    h.ackEverything(a, &fa);
    h.ackEverything(b, &fb);
    EXPECT_TRUE(chatsIn(fa).empty());
    EXPECT_EQ(chatsIn(fb), std::vector<std::string>{"just for you"});
}

TEST(OperatorWelcome, NewWelcomeReachesOnlyLaterClients) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    std::vector<DecodedFrame> fa;
    h.audioFrom(a);
    h.ackEverything(a, &fa);
    EXPECT_TRUE(chatsIn(fa).empty());
    h.core.setWelcomeMessage("Be <b>nice</b>");
    EXPECT_EQ(h.core.welcomeMessage(), "Be <b>nice</b>");
    fa.clear();
    h.ackEverything(a, &fa);
    EXPECT_TRUE(chatsIn(fa).empty());  // the one already here is not told
    const auto b = ServerHarness::client(5001);
    std::vector<DecodedFrame> fb;
    h.audioFrom(b);
    h.ackEverything(b, &fb);
    EXPECT_EQ(chatsIn(fb),
              std::vector<std::string>{"<b>Server Welcome Message:</b> Be <b>nice</b>"});
    h.core.setWelcomeMessage("");
    const auto c = ServerHarness::client(5002);
    std::vector<DecodedFrame> fc;
    h.audioFrom(c);
    h.ackEverything(c, &fc);
    EXPECT_TRUE(chatsIn(fc).empty());
}

TEST(Kick, WithoutReasonDisconnectsAtOnceAndKeepsTheAddressOutForAWhile) {
    ServerHarness h(defaultConfig());
    Recorder r;
    h.core.setEventListener(&r);
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    const int alice = connect(h, a, "Alice");
    connect(h, b, "Bob");
    h.takeMixCommands();
    EXPECT_FALSE(h.core.kick(3, "", h.now));
    ASSERT_TRUE(h.core.kick(alice, "", h.now));
    EXPECT_FALSE(h.core.channel(alice).connected);
    EXPECT_EQ(h.core.connectedCount(), 1);
    EXPECT_EQ(r.events.back(), "disconnected 0");
    const auto toAlice = h.takeFramesTo(a);
    EXPECT_TRUE(contains(toAlice, p::ClmDisconnectionMsg::kId));
    // The mix thread and the receive thread let go of the slot.
    bool disconnectSent = false;
    for (const auto& c : h.takeMixCommands()) {
        disconnectSent |= c.kind == engine::MixCommand::Kind::Disconnect && c.slot == alice;
    }
    EXPECT_TRUE(disconnectSent);
    // Bob's list no longer has Alice.
    std::vector<DecodedFrame> fb;
    h.ackEverything(b, &fb);
    bool sawList = false;
    for (const auto& f : fb) {
        if (f.id == p::ConnClientsListMsg::kId) {
            sawList = true;
            EXPECT_EQ(p::ConnClientsListMsg::decode(f.payload)->entries.size(), 1u);
        }
    }
    EXPECT_TRUE(sawList);

    // Audio still in flight does not reopen a channel for a few seconds.
    h.advance(milliseconds(600));
    h.audioFrom(a);
    EXPECT_EQ(h.core.connectedCount(), 1);
    h.advance(ServerCore::kKickGrace);
    h.core.onTimer(h.now);
    h.audioFrom(a);
    EXPECT_EQ(h.core.connectedCount(), 2);
    h.core.setEventListener(nullptr);
}

TEST(Kick, TheReasonArrivesAsChatBeforeTheDisconnection) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const int alice = connect(h, a, "Alice");
    ASSERT_TRUE(h.core.kick(alice, "Please mute your mic", h.now));
    EXPECT_TRUE(h.core.channel(alice).connected);     // waits for the reason to be acknowledged
    EXPECT_TRUE(h.core.kick(alice, "again", h.now));  // already on its way out: no second chat
    std::vector<DecodedFrame> frames;
    h.ackEverything(a, &frames);
    EXPECT_EQ(chatsIn(frames), std::vector<std::string>{"Please mute your mic"});
    EXPECT_FALSE(contains(frames, p::ClmDisconnectionMsg::kId));
    h.advance(milliseconds(20));
    h.core.onTimer(h.now);
    EXPECT_FALSE(h.core.channel(alice).connected);
    EXPECT_TRUE(contains(h.takeFramesTo(a), p::ClmDisconnectionMsg::kId));
}

TEST(Kick, AClientThatNeverAcknowledgesIsDisconnectedAfterTheWait) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const int alice = connect(h, a, "Alice");
    ASSERT_TRUE(h.core.kick(alice, "bye", h.now));
    h.advance(ServerCore::kKickReasonWait - milliseconds(50));
    h.core.onTimer(h.now);
    EXPECT_TRUE(h.core.channel(alice).connected);
    h.advance(milliseconds(100));
    h.core.onTimer(h.now);
    EXPECT_FALSE(h.core.channel(alice).connected);
}

TEST(Kick, AClientLeavingMeanwhileIsNotKickedInItsSuccessor) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const int alice = connect(h, a, "Alice");
    ASSERT_TRUE(h.core.kick(alice, "bye", h.now));
    h.messageFrom(a, p::ClmDisconnectionMsg::kId, 0, {});
    const auto b = ServerHarness::client(5001);
    EXPECT_EQ(connect(h, b, "Bob"), alice);  // same slot, new occupant
    h.advance(ServerCore::kKickReasonWait + milliseconds(10));
    h.core.onTimer(h.now);
    EXPECT_TRUE(h.core.channel(alice).connected);
}

}  // namespace
}  // namespace tutti::server::test
