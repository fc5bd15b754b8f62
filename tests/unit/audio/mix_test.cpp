#include "audio/mix.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace tutti::audio {
namespace {

struct GainPanRow {
    float gain;
    float pan;
    float left;
    float right;
};

// PROTOCOL 9.4, the levels a 3.9.1 server returned for each setting (rounded there to two
// digits by measurement; exact here).
const GainPanRow kTable[] = {
    {0.5f, 0.5f, 0.5f, 0.5f}, {0.25f, 0.5f, 0.25f, 0.25f}, {0.0f, 0.5f, 0.0f, 0.0f},
    {1.0f, 0.0f, 1.0f, 0.0f}, {1.0f, 0.25f, 1.0f, 0.5f},   {1.0f, 0.75f, 0.5f, 1.0f},
    {1.0f, 1.0f, 0.0f, 1.0f}, {1.0f, 0.5f, 1.0f, 1.0f},
};

TEST(Mix, PanGainsMatchTheMeasuredTable) {
    for (const auto& row : kTable) {
        const PanGains g = panGains(row.gain, row.pan);
        EXPECT_FLOAT_EQ(g.left, row.left) << "gain " << row.gain << " pan " << row.pan;
        EXPECT_FLOAT_EQ(g.right, row.right) << "gain " << row.gain << " pan " << row.pan;
    }
}

TEST(Mix, StereoListenerHearsAMonoSourceAsTheTableSays) {
    const std::vector<float> source = {1000.0f, -2000.0f, 3000.0f};
    for (const auto& row : kTable) {
        std::vector<float> out(6, 0.0f);
        mixPanned(out.data(), 2, source.data(), 1, 3, row.gain, row.pan);
        for (int i = 0; i < 3; ++i) {
            EXPECT_FLOAT_EQ(out[2 * i], source[i] * row.left) << "pan " << row.pan;
            EXPECT_FLOAT_EQ(out[2 * i + 1], source[i] * row.right) << "pan " << row.pan;
        }
    }
}

TEST(Mix, StereoSourceOnStereoListenerIsBalancedNotRepositioned) {
    // Left and right keep their own signals; pan only scales each side.
    const std::vector<float> source = {1000.0f, 300.0f, -500.0f, 700.0f};
    for (const auto& row : kTable) {
        std::vector<float> out(4, 0.0f);
        mixPanned(out.data(), 2, source.data(), 2, 2, row.gain, row.pan);
        for (int i = 0; i < 2; ++i) {
            EXPECT_FLOAT_EQ(out[2 * i], source[2 * i] * row.left) << "pan " << row.pan;
            EXPECT_FLOAT_EQ(out[2 * i + 1], source[2 * i + 1] * row.right) << "pan " << row.pan;
        }
    }
}

TEST(Mix, MonoListenerIgnoresPan) {
    const std::vector<float> source = {1000.0f, -3000.0f};
    for (float pan : {0.0f, 0.25f, 0.5f, 0.75f, 1.0f}) {
        std::vector<float> out(2, 0.0f);
        mixPanned(out.data(), 1, source.data(), 1, 2, 0.5f, pan);
        EXPECT_FLOAT_EQ(out[0], 500.0f) << "pan " << pan;
        EXPECT_FLOAT_EQ(out[1], -1500.0f) << "pan " << pan;
    }
}

TEST(Mix, MonoListenerHearsStereoAsTheAverageOfBothSides) {
    const std::vector<float> source = {1000.0f, 3000.0f, -400.0f, 0.0f};
    std::vector<float> out(2, 0.0f);
    mixInto(out.data(), 1, source.data(), 2, 2, 0.5f, 0.0f);
    EXPECT_FLOAT_EQ(out[0], 1000.0f);  // (1000 + 3000) / 2 * 0.5
    EXPECT_FLOAT_EQ(out[1], -100.0f);
    // Hard-panned settings must not matter either.
    std::vector<float> panned(2, 0.0f);
    mixPanned(panned.data(), 1, source.data(), 2, 2, 0.5f, 1.0f);
    EXPECT_EQ(panned, out);
}

TEST(Mix, DelayPanDelaysOnlyTheFarSideAndReachesIntoThePreviousFrame) {
    // A ramp makes every sample identifiable: sample i of the current frame is 100 + i, of the
    // previous frame i.
    std::vector<float> previous(64), current(64);
    for (int i = 0; i < 64; ++i) {
        previous[static_cast<std::size_t>(i)] = static_cast<float>(i);
        current[static_cast<std::size_t>(i)] = static_cast<float>(100 + i);
    }
    EXPECT_EQ(delayPanSamples(1.0f), 63);
    EXPECT_EQ(delayPanSamples(0.0f), -63);
    EXPECT_EQ(delayPanSamples(0.5f), 0);
    EXPECT_EQ(delayPanSamples(0.75f), 32);  // round(31.5)

    std::vector<float> out(128, 0.0f);
    mixDelayPanned(out.data(), current.data(), previous.data(), 1, 64, 1.0f, 3);  // to the right
    EXPECT_FLOAT_EQ(out[1], 100.0f);                                              // right side now
    EXPECT_FLOAT_EQ(out[0], 61.0f);        // left side 3 samples late: previous[61]
    EXPECT_FLOAT_EQ(out[2 * 3], 100.0f);   // left at i=3 is current[0]
    EXPECT_FLOAT_EQ(out[2 * 63], 160.0f);  // left at i=63 is current[60]

    std::fill(out.begin(), out.end(), 0.0f);
    mixDelayPanned(out.data(), current.data(), previous.data(), 1, 64, 0.5f, -2);  // to the left
    EXPECT_FLOAT_EQ(out[0], 50.0f);         // left now, at the gain
    EXPECT_FLOAT_EQ(out[1], 0.5f * 62.0f);  // right late
    EXPECT_FLOAT_EQ(out[2 * 2 + 1], 50.0f);
}

TEST(Mix, SourcesAddUp) {
    const std::vector<float> a = {100.0f, 200.0f};
    const std::vector<float> b = {10.0f, 20.0f};
    std::vector<float> out(2, 1.0f);
    mixInto(out.data(), 1, a.data(), 1, 2, 1.0f, 1.0f);
    mixInto(out.data(), 1, b.data(), 1, 2, 2.0f, 2.0f);
    EXPECT_EQ(out, (std::vector<float>{121.0f, 241.0f}));
}

TEST(Mix, ConversionSaturatesAndTruncatesTowardZero) {
    const std::vector<float> in = {
        40000.0f, -40000.0f, 32767.9f, -32768.9f, 1.9f,
        -1.9f,    0.4f,      -0.4f,    12345.0f,  std::numeric_limits<float>::quiet_NaN()};
    std::vector<int16_t> out(in.size(), 99);
    convertToInt16Saturating(in.data(), out.data(), static_cast<int>(in.size()));
    EXPECT_EQ(out,
              (std::vector<int16_t>{32767, -32768, 32767, -32768, 1, -1, 0, 0, 12345, -32768}));
}

TEST(Mix, Int16ConvertsExactlyBothWays) {
    const std::vector<int16_t> in = {-32768, -1, 0, 1, 32767};
    std::vector<float> asFloat(in.size());
    int16ToFloat(in.data(), asFloat.data(), static_cast<int>(in.size()));
    EXPECT_EQ(asFloat, (std::vector<float>{-32768.0f, -1.0f, 0.0f, 1.0f, 32767.0f}));
    std::vector<int16_t> back(in.size());
    convertToInt16Saturating(asFloat.data(), back.data(), static_cast<int>(in.size()));
    EXPECT_EQ(back, in);
}

}  // namespace
}  // namespace tutti::audio
