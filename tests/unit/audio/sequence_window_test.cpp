#include "audio/sequence_window.h"

#include <gtest/gtest.h>

#include "audio/fifo_occupancy.h"

namespace tutti::audio {
namespace {

TEST(SequenceWindow, FirstFrameStartsTheTimeline) {
    SequenceWindow w(4);
    EXPECT_FALSE(w.take());  // nothing to advance before the stream starts
    EXPECT_FALSE(w.started());
    const auto p = w.put(77);
    EXPECT_EQ(p.offset, 0);
    EXPECT_EQ(p.shift, 0);
    EXPECT_TRUE(w.take());
    EXPECT_FALSE(w.take());
}

TEST(SequenceWindow, PlacesBySequenceDistance) {
    SequenceWindow w(4);
    w.put(10);
    EXPECT_EQ(w.put(13).offset, 3);
    EXPECT_EQ(w.put(12).offset, 2);
    EXPECT_TRUE(w.holds(2));
    EXPECT_FALSE(w.holds(1));
}

TEST(SequenceWindow, ForwardShiftDropsTheOldest) {
    SequenceWindow w(3);
    w.put(0);
    w.put(1);
    const auto p = w.put(4);  // window 0..2 -> 2..4
    EXPECT_EQ(p.shift, 2);
    EXPECT_EQ(p.offset, 2);
    EXPECT_EQ(p.dropped, 2);
    EXPECT_FALSE(w.take());  // 2 never came
    EXPECT_FALSE(w.take());  // 3 never came
    EXPECT_TRUE(w.take());   // 4
}

TEST(SequenceWindow, BackShiftDropsTheNewest) {
    SequenceWindow w(3);
    w.put(10);
    w.take();  // window now starts at 11
    w.put(13);
    const auto p = w.put(10);  // late by one: window 10..12, so 13 falls off
    EXPECT_TRUE(p.late);
    EXPECT_EQ(p.shift, -1);
    EXPECT_EQ(p.offset, 0);
    EXPECT_EQ(p.dropped, 1);
    EXPECT_EQ(w.storedFrames(), 1);
}

TEST(SequenceWindow, AFrameFarBehindEmptiesTheWindow) {
    // More than 31 frames late (a whole 32-bit window): everything queued falls off. Run under
    // UBSan this also guards against an oversized shift.
    SequenceWindow w(11);
    w.put(100);
    w.put(101);
    w.take();
    const auto p = w.put(60);
    EXPECT_TRUE(p.late);
    EXPECT_EQ(p.dropped, 1);
    EXPECT_EQ(p.offset, 0);
    EXPECT_EQ(w.storedFrames(), 1);
}

TEST(SequenceWindow, ShrinkKeepsTheNewestFrames) {
    SequenceWindow w(6);
    w.put(0);
    w.put(2);
    w.put(5);
    EXPECT_EQ(w.resize(3), 3);  // 5 must stay in a 3-slot window: start moves to 3
    EXPECT_EQ(w.storedFrames(), 1);
    EXPECT_TRUE(w.holds(2));
    EXPECT_EQ(w.resize(8), 0);
}

TEST(FifoOccupancy, RefusesWhenFullAndShrinksFromTheOldest) {
    FifoOccupancy f(2);
    EXPECT_FALSE(f.started());
    EXPECT_TRUE(f.put());
    EXPECT_TRUE(f.put());
    EXPECT_FALSE(f.put());
    EXPECT_TRUE(f.started());
    EXPECT_EQ(f.resize(1), 1);
    EXPECT_TRUE(f.take());
    EXPECT_FALSE(f.take());
}

}  // namespace
}  // namespace tutti::audio
