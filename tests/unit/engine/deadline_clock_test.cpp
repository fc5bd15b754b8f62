// The mix clock's catch-up rule: a stall of more than eight periods is skipped, not burst
// through, and the skipped deadlines are reported so that they count as missed.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "src/engine/deadline_clock.h"

namespace tutti::engine {
namespace {

int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

TEST(DeadlineClock, AStallBeyondEightPeriodsIsSkippedAndCounted) {
    DeadlineClock clock(64);  // 1.33 ms
    clock.waitNext();
    // A tick that ran 40 ms (30 periods): the deadlines it overran are reported...
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    const int64_t before = nowNs();
    const int64_t skipped = clock.resyncIfBehind(8);
    EXPECT_GE(skipped, 29);
    EXPECT_LE(skipped, 29 + 40);  // a busy machine may oversleep; 40 periods is 53 ms of slack
    // ... and the clock starts afresh: the next deadline is one period after the resync.
    const int64_t ahead = clock.nextDeadlineNs() - before;
    EXPECT_GE(ahead, clock.periodNs());
    EXPECT_LE(ahead, clock.periodNs() + 50'000'000);  // the same slack for a preempted test
}

TEST(DeadlineClock, AShortStallIsCaughtUpNotSkipped) {
    DeadlineClock clock(1024);  // 21.3 ms, so a busy machine's oversleep stays under 8 periods
    clock.waitNext();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // 2.3 periods: burst through
    EXPECT_EQ(clock.resyncIfBehind(8), 0);
    EXPECT_GT(clock.waitNext(), clock.periodNs());  // the next wake-up is late, and says so
}

}  // namespace
}  // namespace tutti::engine
