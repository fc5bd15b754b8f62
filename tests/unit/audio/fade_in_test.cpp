#include "audio/fade_in.h"

#include <gtest/gtest.h>

namespace tutti::audio {
namespace {

TEST(FadeIn, RisesLinearlyOverThreeSecondsOfAudio) {
    FadeIn fade;
    EXPECT_FLOAT_EQ(fade.factor(), 0.0f);
    // 1125 OPUS frames of 128 samples are 3 s (PROTOCOL 9.6).
    for (int frame = 1; frame <= 1125; ++frame) {
        fade.addReceived(128);
        ASSERT_NEAR(fade.factor(), frame / 1125.0f, 1e-6f) << "frame " << frame;
    }
    EXPECT_TRUE(fade.complete());
    fade.addReceived(128);
    EXPECT_FLOAT_EQ(fade.factor(), 1.0f);
}

TEST(FadeIn, CountsSamplesSoFrameSizesAgree) {
    FadeIn small;
    FadeIn normal;
    for (int i = 0; i < 600; ++i) {
        small.addReceived(64);
        small.addReceived(64);
        normal.addReceived(128);
    }
    EXPECT_FLOAT_EQ(small.factor(), normal.factor());
    EXPECT_NEAR(normal.factor(), 600.0f / 1125.0f, 1e-6f);
}

TEST(FadeIn, ResetStartsAgainFromSilence) {
    FadeIn fade;
    fade.addReceived(48000);
    EXPECT_NEAR(fade.factor(), 1.0f / 3.0f, 1e-6f);
    fade.reset();
    EXPECT_FLOAT_EQ(fade.factor(), 0.0f);
    EXPECT_FALSE(fade.complete());
}

}  // namespace
}  // namespace tutti::audio
