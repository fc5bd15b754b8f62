#include "src/mixout/mixout_tap.h"

#include <gtest/gtest.h>

#include <vector>

namespace tutti::mixout {
namespace {

TEST(MixOutTap, SkipsTicksWhileOff) {
    MixOutTap tap(1024, 0);
    EXPECT_FALSE(tap.beginTick(128));
    EXPECT_EQ(tap.ring().readable(), 0u);
}

TEST(MixOutTap, WritesTheMixScaledToUnitRange) {
    MixOutTap tap(1024, 0);
    tap.setEnabled(true);
    std::vector<float> mix(2 * 128);
    for (int i = 0; i < 128; ++i) {
        mix[static_cast<std::size_t>(2 * i)] = 16384.0f;
        mix[static_cast<std::size_t>(2 * i + 1)] = -65536.0f;  // clipped like the recording
    }
    ASSERT_TRUE(tap.beginTick(128));
    tap.endTick(mix.data(), 128);
    std::vector<float> out(2 * 128);
    ASSERT_EQ(tap.ring().read(out.data(), 128), 128u);
    EXPECT_FLOAT_EQ(out[0], 0.5f);
    EXPECT_FLOAT_EQ(out[1], -1.0f);
}

TEST(MixOutTap, NoInputIsSilence) {
    MixOutTap tap(1024, 0);
    tap.setEnabled(true);
    ASSERT_TRUE(tap.beginTick(64));
    tap.endTick(nullptr, 64);
    std::vector<float> out(2 * 64, 1.0f);
    ASSERT_EQ(tap.ring().read(out.data(), 64), 64u);
    for (float v : out) {
        EXPECT_EQ(v, 0.0f);
    }
}

TEST(MixOutTap, PerChannelColumnsCarryOnlyTheirClient) {
    MixOutTap tap(1024, 3);
    tap.setEnabled(true);
    const std::vector<float> mono(128, 8192.0f);
    std::vector<float> stereo(256);
    for (int i = 0; i < 128; ++i) {
        stereo[static_cast<std::size_t>(2 * i)] = 16384.0f;
        stereo[static_cast<std::size_t>(2 * i + 1)] = 0.0f;
    }
    const std::vector<float> mix(256, 0.0f);
    ASSERT_TRUE(tap.beginTick(128));
    tap.channel(0, 1, mono.data(), 128);
    tap.channel(2, 2, stereo.data(), 128);
    tap.channel(7, 1, mono.data(), 128);  // beyond the columns: ignored, not a crash
    tap.endTick(mix.data(), 128);
    std::vector<float> out(5 * 128);
    ASSERT_EQ(tap.ring().read(out.data(), 128), 128u);
    EXPECT_FLOAT_EQ(out[2], 0.25f);  // slot 0
    EXPECT_FLOAT_EQ(out[3], 0.0f);   // slot 1: nobody
    EXPECT_FLOAT_EQ(out[4], 0.25f);  // slot 2: stereo folded to mono
    // The next tick starts silent again.
    ASSERT_TRUE(tap.beginTick(128));
    tap.endTick(mix.data(), 128);
    ASSERT_EQ(tap.ring().read(out.data(), 128), 128u);
    EXPECT_FLOAT_EQ(out[2], 0.0f);
}

TEST(MixOutTap, CountsOverrunsInsteadOfWaiting) {
    MixOutTap tap(256, 0);
    tap.setEnabled(true);
    const std::vector<float> mix(256, 0.0f);
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(tap.beginTick(128));
        tap.endTick(mix.data(), 128);
    }
    EXPECT_EQ(tap.overruns(), 3u);  // the ring holds two ticks
    EXPECT_EQ(tap.ticks(), 5u);
}

}  // namespace
}  // namespace tutti::mixout
