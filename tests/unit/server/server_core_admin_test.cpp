// ServerCore's administration hooks (issue 12): the access check before any channel or reply,
// and the idle time-out.
#include <gtest/gtest.h>

#include "protocol/messages.h"
#include "server_test_harness.h"

namespace tutti::server::test {
namespace {

namespace p = tutti::protocol;
using std::chrono::milliseconds;
using std::chrono::seconds;

struct AccessLog {
    std::vector<std::pair<uint16_t, bool>> asked;  // port, directoryTraffic
    uint16_t bannedPort = 0;
    ServerCore::AccessCheck check() {
        return [this](const net::PeerAddress& from, bool directoryTraffic) {
            asked.emplace_back(from.port(), directoryTraffic);
            return from.port() != bannedPort;
        };
    }
};

std::vector<std::string> chatsIn(const std::vector<DecodedFrame>& frames) {
    std::vector<std::string> out;
    for (const auto& f : frames) {
        if (f.id == p::ChatTextMsg::kId) {
            out.push_back(p::ChatTextMsg::decode(f.payload)->text);
        }
    }
    return out;
}

struct IdleRecorder : ServerEventListener {
    std::vector<int> idle;
    std::vector<int> gone;
    void clientIdle(int slot) override { idle.push_back(slot); }
    void clientDisconnected(int slot) override { gone.push_back(slot); }
};

// Keeps the 30 s audio time-out away while the clock runs: the receive thread would do this.
void audioAlive(ServerHarness& h, int slot) {
    h.link.lastAudioNs[slot].store(
        std::chrono::duration_cast<std::chrono::nanoseconds>(h.now.time_since_epoch()).count());
}

TEST(AccessCheck, ARefusedHostGetsNoChannelAndNoReply) {
    ServerHarness h(defaultConfig());
    AccessLog access;
    access.bannedPort = 6000;
    h.core.setAccessCheck(access.check());
    const auto banned = ServerHarness::client(6000);
    h.audioFrom(banned);
    h.send(banned, p::ClmPingMsMsg{1234}, 0);
    h.send(banned, p::ClmReqVersionAndOsMsg{}, 0);
    EXPECT_EQ(h.core.connectedCount(), 0);
    EXPECT_TRUE(h.sent.empty());
    ASSERT_EQ(access.asked.size(), 3u);
    EXPECT_FALSE(access.asked[0].second);
    EXPECT_FALSE(access.asked[1].second);  // a ping is client traffic

    // Everyone else is served as before, and a connected client is not asked about again.
    const auto other = ServerHarness::client(6001);
    ASSERT_GE(connect(h, other, "Ok"), 0);
    const std::size_t asked = access.asked.size();
    h.send(other, p::ClmPingMsMsg{1}, 0);
    EXPECT_EQ(access.asked.size(), asked);
}

TEST(AccessCheck, DirectoryMessagesAreMarkedAsSuch) {
    ServerHarness h(defaultConfig());
    AccessLog access;
    h.core.setAccessCheck(access.check());
    h.send(ServerHarness::client(6100), p::ClmRegisterServerRespMsg{}, 0);
    ASSERT_EQ(access.asked.size(), 1u);
    EXPECT_TRUE(access.asked[0].second);
}

TEST(IdleTimeout, ASilentClientIsToldWhyAndDisconnected) {
    ServerHarness h(defaultConfig());
    IdleRecorder events;
    h.core.setEventListener(&events);
    h.core.setIdleTimeout(seconds(5));
    const auto a = ServerHarness::client(7000);
    const int slot = connect(h, a, "Quiet");
    ASSERT_GE(slot, 0);
    h.takeFramesTo(a);
    for (int i = 0; i < 4; ++i) {
        h.advance(milliseconds(1000));
        audioAlive(h, slot);
        h.core.onTimer(h.now);
    }
    EXPECT_TRUE(events.idle.empty());  // 4 s: not yet
    h.advance(milliseconds(1100));
    audioAlive(h, slot);
    h.core.onTimer(h.now);
    ASSERT_EQ(events.idle.size(), 1u);
    std::vector<DecodedFrame> frames;
    h.ackEverything(a, &frames);
    const auto chats = chatsIn(frames);
    ASSERT_EQ(chats.size(), 1u);
    EXPECT_NE(chats[0].find("idle"), std::string::npos) << chats[0];
    h.core.onTimer(h.now);
    EXPECT_EQ(h.core.connectedCount(), 0);
    EXPECT_EQ(events.gone, std::vector<int>{slot});
    EXPECT_EQ(h.core.idleDisconnects(), 1u);
    h.core.setEventListener(nullptr);
}

TEST(IdleTimeout, APlayingClientAndATalkingOneStay) {
    ServerHarness h(defaultConfig());
    h.core.setIdleTimeout(seconds(5));
    const auto playing = ServerHarness::client(7100);
    const auto talking = ServerHarness::client(7101);
    const int ps = connect(h, playing, "Drums");
    const int ts = connect(h, talking, "Chat");
    ASSERT_GE(ps, 0);
    ASSERT_GE(ts, 0);
    uint8_t counter = 50;
    for (int i = 0; i < 12; ++i) {
        h.advance(milliseconds(1000));
        audioAlive(h, ps);
        audioAlive(h, ts);
        h.link.figures[ps].level.store(4);
        if (i % 3 == 0) {
            h.send(talking, p::ChatTextMsg{"still here"}, counter++);
            h.ackEverything(talking);
        }
        h.core.onTimer(h.now);
        h.ackEverything(playing);
    }
    EXPECT_EQ(h.core.connectedCount(), 2);
    EXPECT_EQ(h.core.idleDisconnects(), 0u);
}

TEST(IdleTimeout, OffByDefault) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(7200);
    const int slot = connect(h, a);
    for (int i = 0; i < 20; ++i) {
        h.advance(milliseconds(1000));
        audioAlive(h, slot);
        h.core.onTimer(h.now);
    }
    EXPECT_EQ(h.core.connectedCount(), 1);
}

}  // namespace
}  // namespace tutti::server::test
