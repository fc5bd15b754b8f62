#include "src/engine/spsc_ring.h"

#include <gtest/gtest.h>

#include <thread>

namespace tutti::engine {
namespace {

TEST(SpscRing, RefusesWhenFullAndKeepsOrder) {
    SpscRing<int> r(4);
    for (int i = 0; i < 4; ++i) {
        EXPECT_TRUE(r.push(i));
    }
    EXPECT_FALSE(r.push(99));
    int v;
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(r.pop(v));
        EXPECT_EQ(v, i);
    }
    EXPECT_FALSE(r.pop(v));
}

TEST(SpscRing, TwoThreadsTransferEveryValueInOrder) {
    SpscRing<uint64_t> r(64);
    constexpr uint64_t kCount = 200000;
    std::thread producer([&] {
        for (uint64_t i = 0; i < kCount;) {
            if (r.push(i)) {
                ++i;
            }
        }
    });
    uint64_t expected = 0;
    uint64_t v;
    while (expected < kCount) {
        if (r.pop(v)) {
            ASSERT_EQ(v, expected);
            ++expected;
        }
    }
    producer.join();
}

}  // namespace
}  // namespace tutti::engine
