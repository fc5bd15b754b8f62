#include "src/mixout/frame_ring.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tutti::mixout {
namespace {

TEST(FrameRing, WritesWholeBlocksOrNothing) {
    FrameRing ring(8, 2);
    const std::vector<float> block(6 * 2, 1.0f);
    EXPECT_TRUE(ring.write(block.data(), 6));
    EXPECT_FALSE(ring.write(block.data(), 3));  // 2 free: refused whole, nothing half-written
    EXPECT_EQ(ring.readable(), 6u);
    EXPECT_TRUE(ring.write(block.data(), 2));
    EXPECT_EQ(ring.readable(), 8u);
}

TEST(FrameRing, KeepsFrameOrderAcrossTheWrap) {
    FrameRing ring(8, 3);
    std::vector<float> out(8 * 3);
    float next = 0;
    float expected = 0;
    for (int round = 0; round < 10; ++round) {
        std::vector<float> block(5 * 3);
        for (float& v : block) {
            v = next++;
        }
        ASSERT_TRUE(ring.write(block.data(), 5));
        ASSERT_EQ(ring.read(out.data(), 8), 5u);
        for (int i = 0; i < 15; ++i) {
            ASSERT_EQ(out[static_cast<std::size_t>(i)], expected++);
        }
    }
}

TEST(FrameRing, FlushDropsWhatIsQueued) {
    FrameRing ring(16, 2);
    const std::vector<float> block(4 * 2, 0.5f);
    ring.write(block.data(), 4);
    ring.flush();
    EXPECT_EQ(ring.readable(), 0u);
    EXPECT_TRUE(ring.write(block.data(), 4));
    EXPECT_EQ(ring.readable(), 4u);
}

// One producer and one consumer thread: every frame arrives once, in order, never torn.
TEST(FrameRing, HandsOffBetweenTwoThreads) {
    FrameRing ring(256, 2);
    constexpr int kBlocks = 20000;
    std::thread producer([&] {
        std::vector<float> block(32 * 2);
        for (int b = 0; b < kBlocks;) {
            for (int i = 0; i < 32; ++i) {
                block[static_cast<std::size_t>(2 * i)] = static_cast<float>(b * 32 + i);
                block[static_cast<std::size_t>(2 * i + 1)] = -static_cast<float>(b * 32 + i);
            }
            if (ring.write(block.data(), 32)) {
                ++b;
            } else {
                std::this_thread::yield();
            }
        }
    });
    std::vector<float> out(50 * 2);
    int expected = 0;
    while (expected < kBlocks * 32) {
        const std::size_t n = ring.read(out.data(), 50);
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_EQ(out[2 * i], static_cast<float>(expected));
            ASSERT_EQ(out[2 * i + 1], -static_cast<float>(expected));
            ++expected;
        }
        if (n == 0) {
            std::this_thread::yield();
        }
    }
    producer.join();
}

}  // namespace
}  // namespace tutti::mixout
