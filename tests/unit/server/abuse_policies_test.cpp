// The abuse-defence policies of issue 8, each on its own with a test clock.
#include <gtest/gtest.h>

#include <vector>

#include "protocol/message_ids.h"
#include "src/limits/leaky_bucket.h"
#include "src/limits/reply_budget.h"
#include "src/server/channel_admission.h"
#include "src/server/client_message_limiter.h"

namespace tutti::server {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using limits::LeakyBucket;
using limits::ReplyBudget;
namespace msgid = tutti::protocol::msgid;

const Clock::time_point t0 = Clock::time_point{} + 1h;

net::PeerAddress addr(uint32_t ip, uint16_t port = 22200) {
    return net::PeerAddress::fromIpv4(ip, port);
}

TEST(LeakyBucket, BurstThenRefillAtTheRate) {
    LeakyBucket b(3, 2);
    EXPECT_TRUE(b.take(t0));
    EXPECT_TRUE(b.take(t0));
    EXPECT_TRUE(b.take(t0));
    EXPECT_FALSE(b.take(t0));
    EXPECT_FALSE(b.take(t0 + 400ms));  // 0.8 tokens
    EXPECT_TRUE(b.take(t0 + 500ms));
    EXPECT_TRUE(b.isFull(t0 + 10s));
    EXPECT_FALSE(b.take(t0 + 10s, 4));  // never more than the capacity at once
    EXPECT_TRUE(b.take(t0 + 10s, 3));
}

TEST(ClientMessageLimiter, NormalUseNeverNearTheLimit) {
    ClientMessageLimiter l;
    // A connect conversation, a solo click on a full server and a few chat lines, all at once.
    int refused = 0;
    for (int i = 0; i < 10; ++i) {
        refused += l.allow(msgid::kChannelInfos, t0) ? 0 : 1;
    }
    for (int i = 0; i < 149; ++i) {
        refused += l.allow(msgid::kChannelGain, t0) ? 0 : 1;
    }
    for (int i = 0; i < 5; ++i) {
        refused += l.allow(msgid::kChatText, t0) ? 0 : 1;
    }
    EXPECT_EQ(refused, 0);
    EXPECT_EQ(l.dropped(), 0u);
}

TEST(ClientMessageLimiter, ChatFloodIsCutToTheCostlyRate) {
    ClientMessageLimiter l;
    int allowed = 0;
    // 10 s of 1000 chat messages per second.
    for (int ms = 0; ms < 10000; ++ms) {
        allowed += l.allow(msgid::kChatText, t0 + std::chrono::milliseconds(ms)) ? 1 : 0;
    }
    EXPECT_LE(allowed, static_cast<int>(ClientMessageLimiter::kCostlyBurst +
                                        10 * ClientMessageLimiter::kCostlyPerSecond + 1));
    EXPECT_EQ(l.dropped(), 10000u - static_cast<uint64_t>(allowed));
    // Cheap messages still pass meanwhile: a flood of chat does not mute the client's faders.
    EXPECT_TRUE(l.allow(msgid::kChannelGain, t0 + 10s));
}

TEST(ClientMessageLimiter, AnyMessageFloodIsCutToTheGeneralRate) {
    ClientMessageLimiter l;
    int allowed = 0;
    for (int i = 0; i < 100000; ++i) {  // 10 s at 10 kHz
        allowed += l.allow(msgid::kChannelGain, t0 + std::chrono::microseconds(100 * i)) ? 1 : 0;
    }
    EXPECT_LE(allowed, static_cast<int>(ClientMessageLimiter::kBurst +
                                        10 * ClientMessageLimiter::kPerSecond + 1));
    EXPECT_GE(allowed, static_cast<int>(10 * ClientMessageLimiter::kPerSecond));
}

TEST(ReplyBudget, OneShotRequestsGetTheirAnswer) {
    ReplyBudget b;
    EXPECT_TRUE(b.allow(addr(0x0A000001), 7800, t0));   // a 150-client list
    EXPECT_TRUE(b.allow(addr(0x0A000002), 35000, t0));  // two 150-server directory lists
    EXPECT_EQ(b.grantedBytes(), 42800u);
}

TEST(ReplyBudget, SpoofedFloodGetsLessThanItSends) {
    ReplyBudget b;
    // 10 s of 20000 requests per second (9 bytes each) from 4096 addresses, 433-byte answers.
    uint64_t requested = 0;
    for (int i = 0; i < 200000; ++i) {
        const auto now = t0 + std::chrono::microseconds(50 * i);
        requested += 9;
        b.allow(addr(0x0A000000u + static_cast<uint32_t>(i % 4096)), 433, now);
    }
    EXPECT_LT(b.grantedBytes(), requested / 4);
    EXPECT_LE(b.grantedBytes(), static_cast<uint64_t>(ReplyBudget::kGlobalBurstBytes +
                                                      10.01 * ReplyBudget::kGlobalBytesPerSecond));
    EXPECT_GT(b.refusedReplies(), 0u);
}

TEST(ReplyBudget, OneVictimIpIsLimitedOnItsOwn) {
    ReplyBudget b;
    uint64_t toVictim = 0;
    for (int i = 0; i < 1000; ++i) {  // 10 s, 100 requests per second, every port of one IP
        const auto now = t0 + std::chrono::milliseconds(10 * i);
        if (b.allow(addr(0xC0000201, static_cast<uint16_t>(1000 + i)), 433, now)) {
            toVictim += 433;
        }
    }
    EXPECT_LE(toVictim, static_cast<uint64_t>(ReplyBudget::kPerIpBurstBytes +
                                              10.01 * ReplyBudget::kPerIpBytesPerSecond));
    // Others are still answered.
    EXPECT_TRUE(b.allow(addr(0xC0000202), 433, t0 + 10s));
}

std::vector<ChannelAdmission::Slot> slots(int n, const std::string& ip, bool established,
                                          Clock::time_point openedAt) {
    return std::vector<ChannelAdmission::Slot>(
        static_cast<std::size_t>(n), ChannelAdmission::Slot{true, established, ip, openedAt});
}

TEST(ChannelAdmission, FreeSlotIsOpenedLowestFirst) {
    ChannelAdmission a(4);
    auto s = slots(3, "10.0.0.1", true, t0);
    s[1].connected = false;
    const auto d = a.decide(s, "10.0.0.9", t0);
    EXPECT_EQ(d.kind, ChannelAdmission::Decision::Kind::Open);
    EXPECT_EQ(d.slot, 1);
}

TEST(ChannelAdmission, OneAddressHoldsAtMostItsLimit) {
    ChannelAdmission a(2);
    auto s = slots(2, "10.0.0.1", false, t0);
    s.resize(10);  // eight free slots
    EXPECT_EQ(a.decide(s, "10.0.0.1", t0).kind, ChannelAdmission::Decision::Kind::AddressLimit);
    EXPECT_EQ(a.decide(s, "10.0.0.2", t0).kind, ChannelAdmission::Decision::Kind::Open);
}

TEST(ChannelAdmission, FullServerChallengesForTheOldestUnestablishedSlotOnly) {
    ChannelAdmission a(32);
    auto s = slots(4, "10.0.0.1", true, t0);
    EXPECT_EQ(a.decide(s, "10.0.0.2", t0 + 5s).kind, ChannelAdmission::Decision::Kind::Full);
    s[2] = ChannelAdmission::Slot{true, false, "10.0.0.3", t0 + 1s};
    s[3] = ChannelAdmission::Slot{true, false, "10.0.0.4", t0};
    // Too young: a real client on a slow link may still answer.
    EXPECT_EQ(a.decide(s, "10.0.0.2", t0 + 500ms).kind, ChannelAdmission::Decision::Kind::Full);
    const auto d = a.decide(s, "10.0.0.2", t0 + 5s);
    EXPECT_EQ(d.kind, ChannelAdmission::Decision::Kind::Challenge);
    EXPECT_EQ(d.slot, 3);
}

TEST(ChannelAdmission, ChallengesAreRateLimitedAndExpire) {
    ChannelAdmission a;
    const auto who = addr(0x0A000002);
    EXPECT_TRUE(a.challenge(who, 5, t0));
    EXPECT_FALSE(a.challenge(who, 5, t0 + 500ms));
    EXPECT_TRUE(a.challenge(who, 6, t0 + 1s));
    EXPECT_EQ(a.takeChallenge(who, t0 + 1200ms), 6);
    EXPECT_FALSE(a.takeChallenge(who, t0 + 1300ms));  // taken once
    EXPECT_TRUE(a.challenge(who, 7, t0 + 3s));
    EXPECT_FALSE(a.takeChallenge(who, t0 + 9s));  // too late
    EXPECT_FALSE(a.takeChallenge(addr(0x0A000003), t0 + 3s));
}

TEST(ChannelAdmission, OutstandingChallengesAreBounded) {
    ChannelAdmission a;
    std::size_t accepted = 0;
    for (uint32_t i = 0; i < 2 * ChannelAdmission::kMaxChallenges; ++i) {
        accepted += a.challenge(addr(0x0A000000u + i), 0, t0) ? 1 : 0;
    }
    EXPECT_EQ(accepted, ChannelAdmission::kMaxChallenges);
}

}  // namespace
}  // namespace tutti::server
