#include "tools/loadgen/result_analysis.h"

#include <gtest/gtest.h>

namespace tutti::loadgen {
namespace {

constexpr std::int64_t kPeriodNs = 2'666'667;

// A client that received `mixes` frames at a steady period inside [0, window).
std::unique_ptr<LoadClient> clientWith(int index, int mixes, const ArrivalWindow& window) {
    auto c = std::make_unique<LoadClient>();
    c->index = index;
    c->channelId = index;
    const auto t0 = Clock::time_point{} + std::chrono::seconds(1);
    c->firstSendAt = t0;
    c->firstMixAt = t0 + std::chrono::milliseconds(10 + index);
    for (int i = 0; i < mixes; ++i) {
        c->mixes.record(window.startNs + i * kPeriodNs + 500, static_cast<std::uint8_t>(i), window);
    }
    return c;
}

LoadResult resultFor(int clients, double windowS) {
    LoadResult r;
    r.options.clients = clients;
    r.options.frameSamples = 128;
    r.windowS = windowS;
    return r;
}

TEST(ResultAnalysis, EveryClientServedHolds) {
    const ArrivalWindow window{0, 375 * kPeriodNs};
    std::vector<std::unique_ptr<LoadClient>> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(clientWith(i, 375, window));
    }
    LoadResult r = resultFor(4, 375 * kPeriodNs / 1e9);
    analyseClients(clients, r);
    EXPECT_EQ(r.joined, 4);
    EXPECT_NEAR(r.expectedPerClient, 375.0, 0.01);
    EXPECT_NEAR(r.deliveredMin, 1.0, 0.001);
    EXPECT_EQ(r.clientsBelowTarget, 0);
    EXPECT_EQ(r.sequenceGaps, 0u);
    EXPECT_NEAR(r.joinMaxMs, 13.0, 1e-6);
    EXPECT_NEAR(r.joinP50Ms, 11.5, 1e-6);
    EXPECT_LT(r.interP99Us, 2700.0);
    EXPECT_TRUE(judgeHeld(r));
    ASSERT_EQ(r.clients.size(), 4u);
    EXPECT_EQ(r.clients[2].received, 375u);
}

TEST(ResultAnalysis, OneStarvedClientOrAMissingJoinIsNotHeld) {
    const ArrivalWindow window{0, 375 * kPeriodNs};
    std::vector<std::unique_ptr<LoadClient>> clients;
    clients.push_back(clientWith(0, 375, window));
    clients.push_back(clientWith(1, 370, window));  // 98.7 %
    LoadResult r = resultFor(2, 375 * kPeriodNs / 1e9);
    analyseClients(clients, r);
    EXPECT_EQ(r.clientsBelowTarget, 1);
    EXPECT_FALSE(judgeHeld(r));

    clients.pop_back();
    clients.push_back(std::make_unique<LoadClient>());  // never heard a mix
    clients.back()->index = 1;
    LoadResult r2 = resultFor(2, 375 * kPeriodNs / 1e9);
    analyseClients(clients, r2);
    EXPECT_EQ(r2.joined, 1);
    EXPECT_FALSE(r2.clients[1].joined);
    EXPECT_FALSE(judgeHeld(r2));
}

TEST(ResultAnalysis, LongGapsBreakTheHold) {
    const ArrivalWindow window{0, INT64_MAX};
    auto c = std::make_unique<LoadClient>();
    c->firstSendAt = c->firstMixAt = Clock::time_point{};
    // Every other frame arrives two periods late, then a catch-up pair: p99 about 3 periods.
    std::int64_t t = 0;
    for (int i = 0; i < 400; ++i) {
        t += (i % 2 == 0) ? 3 * kPeriodNs : 1000;
        c->mixes.record(t, std::nullopt, window);
    }
    std::vector<std::unique_ptr<LoadClient>> clients;
    clients.push_back(std::move(c));
    LoadResult r = resultFor(1, 400 * kPeriodNs / 1e9);
    analyseClients(clients, r);
    EXPECT_GT(r.interP99Us, 2 * 2666.7);
    EXPECT_FALSE(judgeHeld(r));
}

TEST(ResultAnalysis, BurstsNeedTwoClients) {
    std::vector<std::int64_t> arrivals = {0, 100'000, kPeriodNs, kPeriodNs + 50'000};
    LoadResult one = resultFor(1, 1.0);
    analyseBursts(arrivals, kPeriodNs / 4, one);
    EXPECT_EQ(one.bursts, 0u);
    LoadResult two = resultFor(2, 1.0);
    analyseBursts(arrivals, kPeriodNs / 4, two);
    EXPECT_EQ(two.bursts, 2u);
    EXPECT_NEAR(two.sendSpreadP99Us, 100.0, 1.0);
}

}  // namespace
}  // namespace tutti::loadgen
