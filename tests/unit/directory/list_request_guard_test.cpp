#include "src/directory/list_request_guard.h"

#include <gtest/gtest.h>

#include "directory_test_util.h"

namespace tutti::directory::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using Verdict = ListRequestGuard::Verdict;
const auto t0 = ListRequestGuard::Clock::time_point{} + std::chrono::hours(1);

TEST(ListRequestGuard, RealClientSequenceGetsTheFullListOnItsSecondRequest) {
    // Capture 05: request, then (after a list arrived) pings, re-request 2 s later.
    ListRequestGuard g;
    const auto client = loopback(22684);
    EXPECT_EQ(g.onRequest(client, t0), Verdict::Probe);
    g.onPingAnswered(client, t0 + milliseconds(200));
    EXPECT_EQ(g.onRequest(client, t0 + seconds(2)), Verdict::Full);
    // Reopening the dialog a few minutes later fills it at once.
    g.onPingAnswered(client, t0 + seconds(60));
    EXPECT_EQ(g.onRequest(client, t0 + minutes(5)), Verdict::Full);
}

TEST(ListRequestGuard, APingFromAnotherPortDoesNotCount) {
    ListRequestGuard g;
    g.onPingAnswered(loopback(1000), t0);
    EXPECT_EQ(g.onRequest(loopback(1001), t0 + seconds(1)), Verdict::Probe);
}

TEST(ListRequestGuard, OldPingsExpire) {
    ListRequestGuard g;
    g.onPingAnswered(loopback(1000), t0);
    EXPECT_EQ(g.onRequest(loopback(1000), t0 + minutes(11)), Verdict::Probe);
}

TEST(ListRequestGuard, ProbesArePerIpRateLimited) {
    ListRequestGuard g;
    int probes = 0;
    // A flood from one IP over many ports: at most the burst, then one per second.
    for (int i = 0; i < 1000; ++i) {
        const auto now = t0 + milliseconds(i);
        probes += g.onRequest(loopback(static_cast<uint16_t>(2000 + i)), now) == Verdict::Probe;
    }
    EXPECT_EQ(probes, static_cast<int>(ListRequestGuard::kProbeBurst));
}

TEST(ListRequestGuard, FullListsArePerIpRateLimited) {
    ListRequestGuard g;
    const auto client = loopback(3000);
    g.onPingAnswered(client, t0);
    int full = 0;
    for (int i = 0; i < 100; ++i) {
        full += g.onRequest(client, t0 + milliseconds(10 * i)) == Verdict::Full;
    }
    EXPECT_EQ(full, static_cast<int>(ListRequestGuard::kFullBurst));
    EXPECT_EQ(g.onRequest(client, t0 + seconds(2)), Verdict::Full);
}

TEST(ListRequestGuard, ProbesAreLimitedOverall) {
    ListRequestGuard g;
    int probes = 0;
    for (uint32_t i = 0; i < 1000; ++i) {
        probes +=
            g.onRequest(net::PeerAddress::fromIpv4(0x0A000000 + i, 4000), t0) == Verdict::Probe;
    }
    EXPECT_EQ(probes, static_cast<int>(ListRequestGuard::kProbeGlobalBurst));
}

}  // namespace
}  // namespace tutti::directory::test

namespace tutti::directory {
namespace {

// Issue 8: an unpinged one-shot request gets the full lists while the reply budget allows.
TEST(ListRequestGuard, OneShotRequestGetsFullListsWithinTheBudgetThenProbes) {
    ListRequestGuard g;
    const auto t = ListRequestGuard::Clock::time_point{} + std::chrono::hours(1);
    const auto explorer = net::PeerAddress::fromIpv4(0x0A000001, 40000);
    EXPECT_EQ(g.onRequest(explorer, t, 30000), ListRequestGuard::Verdict::Full);
    // The same IP cannot have another 30 kB at once; it gets the probe instead.
    EXPECT_EQ(g.onRequest(explorer, t, 30000), ListRequestGuard::Verdict::Probe);
    // Without a size (the old call) nothing but a probe goes to an unpinged address.
    EXPECT_EQ(g.onRequest(net::PeerAddress::fromIpv4(0x0A000002, 40000), t),
              ListRequestGuard::Verdict::Probe);
    // Others, until the global budget is spent.
    int full = 0;
    for (uint32_t i = 0; i < 100; ++i) {
        full += g.onRequest(net::PeerAddress::fromIpv4(0x0B000000 + i, 40000), t, 30000) ==
                        ListRequestGuard::Verdict::Full
                    ? 1
                    : 0;
    }
    EXPECT_EQ(full, 1);  // 64 kB: two 30 kB answers in all
}

}  // namespace
}  // namespace tutti::directory
