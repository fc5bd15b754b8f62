#include "tools/loadgen/load_stats.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "tools/loadgen/process_figures.h"

namespace tutti::loadgen {
namespace {

TEST(MicrosHistogram, PercentilesAreBucketUpperEdgesCappedByTheMaximum) {
    MicrosHistogram h(10.0, 1000.0);
    for (int i = 1; i <= 100; ++i) {
        h.add(i * 5.0);  // 5 .. 500 us
    }
    EXPECT_EQ(h.count(), 100u);
    EXPECT_DOUBLE_EQ(h.max(), 500.0);
    EXPECT_DOUBLE_EQ(h.percentile(0.5), 260.0);  // the 50th value, 250, lies in [250, 260)
    EXPECT_DOUBLE_EQ(h.percentile(0.99), 500.0);
    EXPECT_DOUBLE_EQ(h.percentile(1.0), 500.0);
}

TEST(MicrosHistogram, ValuesBeyondTheRangeReportTheTrueMaximum) {
    MicrosHistogram h(10.0, 100.0);
    h.add(5.0);
    h.add(50000.0);
    EXPECT_DOUBLE_EQ(h.percentile(1.0), 50000.0);
    MicrosHistogram empty;
    EXPECT_DOUBLE_EQ(empty.percentile(0.99), 0.0);
}

TEST(MicrosHistogram, MergeAddsCounts) {
    MicrosHistogram a(10.0, 1000.0);
    MicrosHistogram b(10.0, 1000.0);
    a.add(15.0);
    b.add(995.0);
    a.merge(b);
    EXPECT_EQ(a.count(), 2u);
    EXPECT_DOUBLE_EQ(a.max(), 995.0);
}

TEST(Quantile, InterpolatesBetweenSortedValues) {
    EXPECT_DOUBLE_EQ(quantile({3, 1, 2, 4}, 0.5), 2.5);
    EXPECT_DOUBLE_EQ(quantile({7}, 0.99), 7.0);
    EXPECT_DOUBLE_EQ(quantile({}, 0.5), 0.0);
}

TEST(ProcessFigures, ReadsThisProcessAndTheLoadAverage) {
    const auto cpu = processCpuSeconds(static_cast<int>(::getpid()));
    ASSERT_TRUE(cpu.has_value());
    EXPECT_GE(*cpu, 0.0);
    const auto rss = processRssKib(static_cast<int>(::getpid()));
    ASSERT_TRUE(rss.has_value());
    EXPECT_GT(*rss, 0);
    EXPECT_EQ(loadAverage().size(), 3u);
    EXPECT_FALSE(processCpuSeconds(0x3fffffff).has_value());  // no such process
}

}  // namespace
}  // namespace tutti::loadgen
