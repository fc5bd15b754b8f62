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
