#include "audio/jitter_buffer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace tutti::audio {
namespace {

constexpr int kFrameBytes = 8;

// A frame whose bytes all carry `tag`, so the frame that comes out can be identified.
std::array<uint8_t, kFrameBytes> frame(uint8_t tag) {
    std::array<uint8_t, kFrameBytes> f;
    f.fill(tag);
    return f;
}

void put(JitterBuffer& b, uint8_t tag, std::optional<uint8_t> seq) {
    const auto f = frame(tag);
    b.put(f.data(), kFrameBytes, seq);
}

// The tag of the next frame, or -1 when it is missing.
int next(JitterBuffer& b) {
    std::array<uint8_t, kFrameBytes> out;
    out.fill(0xEE);
    if (!b.get(out.data())) {
        return -1;
    }
    for (uint8_t byte : out) {
        EXPECT_EQ(byte, out[0]) << "frame copied partially";
    }
    return out[0];
}

JitterBuffer fixedBuffer(int size, bool sequenceNumbers) {
    JitterBuffer b;
    EXPECT_TRUE(b.configure(kFrameBytes, sequenceNumbers));
    EXPECT_TRUE(b.setRequestedSize(size));
    return b;
}

TEST(JitterBuffer, FixedSizesAreApplied) {
    JitterBuffer b;
    ASSERT_TRUE(b.configure(kFrameBytes, true));
    for (int size = 1; size <= 20; ++size) {
        ASSERT_TRUE(b.setRequestedSize(size));
        EXPECT_EQ(b.currentSize(), size);
        EXPECT_FALSE(b.isAuto());
    }
    EXPECT_FALSE(b.setRequestedSize(0));
    EXPECT_FALSE(b.setRequestedSize(22));
    EXPECT_EQ(b.currentSize(), 20);
    EXPECT_FALSE(b.takeAutoSizeChange().has_value());
}

TEST(JitterBuffer, FifoDropsIncomingFramesWhenFull) {
    auto b = fixedBuffer(3, false);
    for (uint8_t tag = 1; tag <= 5; ++tag) {
        put(b, tag, std::nullopt);
    }
    EXPECT_EQ(b.stats().overruns, 2u);
    EXPECT_EQ(b.storedFrames(), 3);
    EXPECT_EQ(next(b), 1);
    EXPECT_EQ(next(b), 2);
    EXPECT_EQ(next(b), 3);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(b.stats().underruns, 1u);
    // The FIFO carries on where it stopped.
    put(b, 6, std::nullopt);
    EXPECT_EQ(next(b), 6);
}

TEST(JitterBuffer, FifoWrapsAroundItsRing) {
    auto b = fixedBuffer(20, false);
    for (int round = 0; round < 50; ++round) {
        put(b, static_cast<uint8_t>(round), std::nullopt);
        put(b, static_cast<uint8_t>(round + 100), std::nullopt);
        ASSERT_EQ(next(b), round);
        ASSERT_EQ(next(b), round + 100);
    }
}

TEST(JitterBuffer, NoUnderrunIsCountedBeforeTheStreamStarts) {
    auto b = fixedBuffer(4, true);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(b.stats().underruns, 0u);
}

TEST(JitterBuffer, ReordersBySequenceNumber) {
    auto b = fixedBuffer(5, true);
    put(b, 10, 10);
    put(b, 13, 13);
    put(b, 11, 11);
    put(b, 12, 12);
    EXPECT_EQ(next(b), 10);
    EXPECT_EQ(next(b), 11);
    EXPECT_EQ(next(b), 12);
    EXPECT_EQ(next(b), 13);
    EXPECT_EQ(next(b), -1);
}

TEST(JitterBuffer, GapsReadAsMissing) {
    auto b = fixedBuffer(5, true);
    put(b, 10, 10);
    put(b, 12, 12);
    EXPECT_EQ(next(b), 10);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(next(b), 12);
    EXPECT_EQ(b.stats().underruns, 1u);
}

TEST(JitterBuffer, DuplicatesAreIgnored) {
    auto b = fixedBuffer(5, true);
    put(b, 1, 10);
    put(b, 2, 10);
    EXPECT_EQ(b.stats().duplicates, 1u);
    EXPECT_EQ(b.stats().received, 1u);
    EXPECT_EQ(next(b), 1);
}

TEST(JitterBuffer, SequenceNumbersWrapFrom255To0) {
    auto b = fixedBuffer(4, true);
    put(b, 254, 254);
    put(b, 0, 0);
    put(b, 255, 255);
    put(b, 1, 1);
    EXPECT_EQ(next(b), 254);
    EXPECT_EQ(next(b), 255);
    EXPECT_EQ(next(b), 0);
    EXPECT_EQ(next(b), 1);
    EXPECT_EQ(b.stats().overruns + b.stats().late, 0u);
}

TEST(JitterBuffer, LateFrameMovesTheWindowBack) {
    auto b = fixedBuffer(3, true);
    put(b, 10, 10);
    EXPECT_EQ(next(b), 10);
    EXPECT_EQ(next(b), -1);  // 11 is late; the window moves on to 12
    put(b, 13, 13);          // slot of 13 is the window's second
    put(b, 11, 11);          // late by one: window back to 11..13
    EXPECT_EQ(b.stats().late, 1u);
    EXPECT_EQ(b.stats().overruns, 0u);
    EXPECT_EQ(next(b), 11);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(next(b), 13);
}

TEST(JitterBuffer, LateFramePushesTheNewestOutOfTheWindow) {
    auto b = fixedBuffer(3, true);
    put(b, 10, 10);
    EXPECT_EQ(next(b), 10);  // window now 11..13
    put(b, 13, 13);
    put(b, 9, 9);  // two back: window 9..11, 13 falls off
    EXPECT_EQ(b.stats().overruns, 1u);
    EXPECT_EQ(next(b), 9);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(next(b), -1);  // 13 is gone
}

TEST(JitterBuffer, FrameBeyondTheWindowMovesItForward) {
    auto b = fixedBuffer(3, true);
    put(b, 0, 0);
    put(b, 1, 1);
    put(b, 2, 2);
    put(b, 5, 5);  // window 0..2 -> 3..5, dropping 0, 1, 2
    EXPECT_EQ(b.stats().overruns, 3u);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(next(b), -1);
    EXPECT_EQ(next(b), 5);
}

TEST(JitterBuffer, WindowMovesCorrectlyAroundTheRing) {
    // Jumps of every size back and forth must keep frames and ring slots in step: a frame
    // `distance` ahead comes out after `distance` missing ones (at most size - 1, the window
    // moves forward for the rest), a frame behind comes out next.
    constexpr int kSize = 20;
    auto b = fixedBuffer(kSize, true);
    put(b, 0, 0);
    ASSERT_EQ(next(b), 0);
    uint8_t expected = 1;  // the sequence number the window reads next; the window is empty
    for (int round = 0; round < 500; ++round) {
        const int distance = (round * 7) % 31 - 4;  // -4 .. 26
        const auto seq = static_cast<uint8_t>(expected + distance);
        put(b, seq, seq);
        const int misses = distance < 0 ? 0 : std::min(distance, kSize - 1);
        // Drain to the new frame, counting the gaps before it; that empties the window again.
        int seen = 0;
        int tag = next(b);
        while (tag != seq && seen < kSize + 1) {
            ASSERT_EQ(tag, -1) << "round " << round;
            ++seen;
            tag = next(b);
        }
        ASSERT_EQ(tag, seq) << "round " << round;
        ASSERT_EQ(seen, misses) << "round " << round;
        expected = static_cast<uint8_t>(seq + 1);
    }
}

TEST(JitterBuffer, RejectsFramesThatDoNotFitTheConfiguration) {
    JitterBuffer b;
    EXPECT_FALSE(b.configure(JitterBuffer::kMaxFrameBytes + 1, false));
    put(b, 1, std::nullopt);
    EXPECT_EQ(b.stats().rejected, 1u);

    ASSERT_TRUE(b.configure(JitterBuffer::kMaxFrameBytes, false));
    std::vector<uint8_t> big(JitterBuffer::kMaxFrameBytes, 7);
    EXPECT_TRUE(b.put(big.data(), static_cast<int>(big.size()), std::nullopt));
    std::vector<uint8_t> out(big.size());
    EXPECT_TRUE(b.get(out.data()));
    EXPECT_EQ(out, big);

    ASSERT_TRUE(b.configure(kFrameBytes, true));
    const auto f = frame(1);
    EXPECT_FALSE(b.put(f.data(), kFrameBytes - 1, 3));
    EXPECT_FALSE(b.put(f.data(), kFrameBytes, std::nullopt));
}

TEST(JitterBuffer, ConfigureEmptiesTheBuffer) {
    auto b = fixedBuffer(4, true);
    put(b, 1, 1);
    put(b, 2, 2);
    ASSERT_TRUE(b.configure(kFrameBytes, true));
    EXPECT_EQ(b.storedFrames(), 0);
    EXPECT_EQ(b.currentSize(), 4);  // the requested size is the client's, not the format's
    put(b, 9, 200);                 // a fresh timeline: any sequence number is accepted
    EXPECT_EQ(next(b), 9);
}

}  // namespace
}  // namespace tutti::audio
