// The mix thread's side of recording: copies each tick's inputs, never blocks, counts drops.
#include "src/engine/recorder_tap.h"

#include <gtest/gtest.h>

#include <vector>

namespace tutti::engine {
namespace {

std::vector<int16_t> constant(int samples, int16_t v) {
    return std::vector<int16_t>(static_cast<std::size_t>(samples), v);
}
std::vector<float> asFloat(const std::vector<int16_t>& v) {
    return std::vector<float>(v.begin(), v.end());
}

TEST(RecorderTap, CopiesNothingWhileOff) {
    RecorderTap tap(16, true);
    const auto pcm = constant(128, 100);
    const auto f = asFloat(pcm);
    EXPECT_FALSE(tap.beginTick());
    EXPECT_EQ(tap.ring().beginRead(), nullptr);
    tap.setEnabled(true);
    ASSERT_TRUE(tap.beginTick());
    tap.addChannel(3, 7, 1, pcm.data(), f.data(), 128);
    tap.endTick();
    RecordedFrame* r = tap.ring().beginRead();
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->slot, 3);
    EXPECT_EQ(r->generation, 7u);
    EXPECT_EQ(r->channels, 1);
    EXPECT_EQ(r->frames, 128);
    EXPECT_EQ(r->tick, 2u);  // ticks count while off too, so offsets stay true
    EXPECT_EQ(r->pcm[0], 100);
    EXPECT_EQ(r->pcm[127], 100);
}

TEST(RecorderTap, MixIsEveryInputAtGainOneCentre) {
    RecorderTap tap(16, true);
    tap.setEnabled(true);
    const auto mono = constant(128, 1000);
    std::vector<int16_t> stereo(256);
    for (int i = 0; i < 128; ++i) {
        stereo[static_cast<std::size_t>(2 * i)] = 200;
        stereo[static_cast<std::size_t>(2 * i + 1)] = -300;
    }
    const auto mf = asFloat(mono);
    const auto sf = asFloat(stereo);
    ASSERT_TRUE(tap.beginTick());
    tap.addChannel(0, 1, 1, mono.data(), mf.data(), 128);
    tap.addChannel(1, 2, 2, stereo.data(), sf.data(), 128);
    tap.endTick();
    RecordedFrame out;
    ASSERT_TRUE(tap.ring().pop(out));
    ASSERT_TRUE(tap.ring().pop(out));
    ASSERT_TRUE(tap.ring().pop(out));
    EXPECT_EQ(out.slot, RecordedFrame::kMixSlot);
    EXPECT_EQ(out.channels, 2);
    EXPECT_EQ(out.pcm[0], 1200);
    EXPECT_EQ(out.pcm[1], 700);
    EXPECT_FALSE(tap.ring().pop(out));
}

TEST(RecorderTap, FullRingDropsAndCounts) {
    RecorderTap tap(4, false);
    tap.setEnabled(true);
    const auto pcm = constant(128, 1);
    const auto f = asFloat(pcm);
    for (int t = 0; t < 10; ++t) {
        ASSERT_TRUE(tap.beginTick());
        tap.addChannel(0, 1, 1, pcm.data(), f.data(), 128);
        tap.endTick();
    }
    EXPECT_EQ(tap.droppedFrames(), 6u);
    RecordedFrame out;
    int n = 0;
    while (tap.ring().pop(out)) {
        EXPECT_EQ(out.tick, static_cast<uint64_t>(++n));
    }
    EXPECT_EQ(n, 4);
}

}  // namespace
}  // namespace tutti::engine
