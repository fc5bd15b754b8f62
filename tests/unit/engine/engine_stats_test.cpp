// The deadline-to-send histogram behind the latency figures the benchmarks compare (issue 13).
#include "src/engine/engine_stats.h"

#include <gtest/gtest.h>

namespace tutti::engine {
namespace {

constexpr uint64_t kPeriod = 2'666'666;  // 128 samples at 48 kHz

TEST(EngineStats, DeadlineToSendPercentilesAreBucketUpperBounds) {
    EngineStats s;
    EXPECT_EQ(s.deadlineToSendPercentileNs(0.99), 0u);
    // 98 ticks sent within 4 % of the period, one at 32 %, one far beyond two periods.
    for (int i = 0; i < 98; ++i) {
        s.recordTick(100'000, kPeriod, kPeriod * 4 / 100, 1);
    }
    s.recordTick(900'000, kPeriod, kPeriod * 32 / 100, 1);
    s.recordTick(9'000'000, kPeriod, 3 * kPeriod, 1);
    EXPECT_EQ(s.deadlineToSendPercentileNs(0.5), kPeriod / 20);
    EXPECT_EQ(s.deadlineToSendPercentileNs(0.98), kPeriod / 20);
    EXPECT_EQ(s.deadlineToSendPercentileNs(0.99), kPeriod * 7 / 20);  // the 32 % tick's bucket
    EXPECT_EQ(s.deadlineToSendPercentileNs(1.0), kPeriod * 2);        // the overflow bucket
    EXPECT_NE(s.summary(100, 1).find("p99 <= 933 us"), std::string::npos) << s.summary(100, 1);
}

}  // namespace
}  // namespace tutti::engine
