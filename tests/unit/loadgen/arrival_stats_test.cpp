#include "tools/loadgen/arrival_stats.h"

#include <gtest/gtest.h>

namespace tutti::loadgen {
namespace {

constexpr std::int64_t kPeriodNs = 2'666'667;  // 128 samples at 48 kHz

TEST(MixArrivals, CountsOnlyArrivalsInsideTheWindowByTheirOwnTimestamps) {
    const std::int64_t start = 1'000'000'000;
    const ArrivalWindow window{start, start + 10 * kPeriodNs};
    MixArrivals a;
    // Two before the window, ten inside, two after: read in whatever order batching gives.
    for (int i = -2; i < 12; ++i) {
        a.record(start + i * kPeriodNs + 1000, std::nullopt, window);
    }
    EXPECT_EQ(a.received(), 10u);
    // The first arrival in the window has no predecessor inside it: nine intervals.
    EXPECT_EQ(a.interArrival().count(), 9u);
    EXPECT_NEAR(a.interArrival().max(), kPeriodNs / 1000.0, 0.01);
}

TEST(MixArrivals, ClosedWindowCountsNothing) {
    MixArrivals a;
    EXPECT_FALSE(a.record(5, std::uint8_t{1}, ArrivalWindow{}));
    EXPECT_EQ(a.received(), 0u);
}

TEST(MixArrivals, SequenceGapsCountMissingFramesAcrossTheWrap) {
    const ArrivalWindow window{0, INT64_MAX};
    MixArrivals a;
    std::int64_t t = 0;
    for (int s : {250, 251, 253, 254, 255, 0, 3}) {  // 252, 1 and 2 are missing
        a.record(t += kPeriodNs, static_cast<std::uint8_t>(s), window);
    }
    EXPECT_EQ(a.sequenceGaps(), 3u);
    // A late or repeated frame (going backwards) is not a gap.
    a.record(t += kPeriodNs, std::uint8_t{2}, window);
    EXPECT_EQ(a.sequenceGaps(), 3u);
}

TEST(MixArrivals, GapsBeforeTheWindowAreNotCounted) {
    const ArrivalWindow window{10 * kPeriodNs, INT64_MAX};
    MixArrivals a;
    a.record(kPeriodNs, std::uint8_t{0}, window);
    a.record(2 * kPeriodNs, std::uint8_t{5}, window);   // gap of 4, before the window
    a.record(11 * kPeriodNs, std::uint8_t{6}, window);  // inside, no gap
    EXPECT_EQ(a.sequenceGaps(), 0u);
    EXPECT_EQ(a.received(), 1u);
}

TEST(BurstSpreads, GroupsArrivalsCloserThanTheGapWhateverTheirOrder) {
    // Three ticks of three mixes each, 2.67 ms apart, handed over unsorted.
    std::vector<std::int64_t> arrivals = {
        2 * kPeriodNs + 300'000,
        0,
        100'000,
        kPeriodNs + 50'000,
        kPeriodNs,
        200'000,
        2 * kPeriodNs,
        kPeriodNs + 400'000,
        2 * kPeriodNs + 10'000,
    };
    const auto spreads = burstSpreadsUs(arrivals, kPeriodNs / 4);
    ASSERT_EQ(spreads.size(), 3u);
    EXPECT_DOUBLE_EQ(spreads[0], 200.0);
    EXPECT_DOUBLE_EQ(spreads[1], 400.0);
    EXPECT_DOUBLE_EQ(spreads[2], 300.0);
    EXPECT_TRUE(std::is_sorted(arrivals.begin(), arrivals.end()));
}

TEST(BurstSpreads, NothingArrivedNoBursts) {
    std::vector<std::int64_t> none;
    EXPECT_TRUE(burstSpreadsUs(none, 1000).empty());
}

}  // namespace
}  // namespace tutti::loadgen
