#include "src/mixout/input_ring.h"

#include <gtest/gtest.h>

#include <vector>

namespace tutti::mixout {
namespace {

// JACK writes 256-frame periods on its clock, the mix thread takes 128-frame ticks on its own,
// 200 ppm apart either way, for two simulated minutes: after priming the mix never runs dry.
void expectFollows(double ppm) {
    SCOPED_TRACE(testing::Message() << ppm << " ppm");
    InputRing input(128);
    input.restart(256);
    const std::vector<float> left(256, 0.5f);
    const std::vector<float> right(256, -0.25f);
    std::vector<float> tick(2 * 128);
    const double periodDt = 256 / (48000.0 * (1 + ppm * 1e-6));
    const double tickDt = 128 / 48000.0;
    double jack = 0;
    double mix = 0;
    int primedTicks = 0;
    while (mix < 120) {
        if (jack <= mix) {
            input.push(left.data(), right.data(), 256);
            jack += periodDt;
            continue;
        }
        if (input.pull(tick.data(), 128)) {
            ++primedTicks;
            ASSERT_FLOAT_EQ(tick[0], 0.5f * 32768);  // scaled to the engine's 16-bit range
            ASSERT_FLOAT_EQ(tick[255], -0.25f * 32768);
        }
        mix += tickDt;
    }
    EXPECT_EQ(input.underruns(), 0u);
    EXPECT_EQ(input.overruns(), 0u);
    EXPECT_GT(primedTicks, 120 * 375 - 10);
    // About the drift in frames; the level may settle anywhere within the band (a period and a
    // tick either side of the target) without a correction.
    EXPECT_NEAR(static_cast<double>(input.corrections()), 200e-6 * 48000 * 120, 256 + 2 * 128);
}

TEST(InputRing, FollowsAFasterJackClock) {
    expectFollows(200);
}

TEST(InputRing, FollowsASlowerJackClock) {
    expectFollows(-200);
}

TEST(InputRing, SilentUntilJackDelivers) {
    InputRing input(128);
    std::vector<float> tick(2 * 128, 1.0f);
    EXPECT_FALSE(input.pull(tick.data(), 128));
    EXPECT_EQ(tick[0], 0.0f);
}

}  // namespace
}  // namespace tutti::mixout
