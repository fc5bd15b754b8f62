#include "audio/level_meter.h"

#include <gtest/gtest.h>

#include <vector>

namespace tutti::audio {
namespace {

// A 128-sample mono frame, silent except for `peak` at `index`.
std::vector<int16_t> frameWithPeak(int16_t peak, int index = 0) {
    std::vector<int16_t> pcm(128, 0);
    pcm[static_cast<std::size_t>(index)] = peak;
    return pcm;
}

int meter(int16_t peak, int index = 0) {
    LevelMeter m;
    const auto pcm = frameWithPeak(peak, index);
    return m.update(pcm.data(), 128, 1);
}

TEST(LevelMeter, QuantisesMinus50To0DbfsOntoZeroToEight) {
    EXPECT_EQ(meter(0), 0);
    EXPECT_EQ(meter(-32767), 8);  // 0 dBFS
    EXPECT_EQ(meter(-32768), 9);  // one step beyond full scale
    // -50 dBFS is 103.6; anything at or below it reads 0, just above reads 1.
    EXPECT_EQ(meter(-103), 0);
    EXPECT_EQ(meter(-104), 1);
    // -6.25 dB per step: 32767 * 10^(-6.25/20) = 15956.46.
    EXPECT_EQ(meter(-15956), 7);
    EXPECT_EQ(meter(-15957), 8);
}

TEST(LevelMeter, OnlyNegativePeaksOfEveryThirdFrameCount) {
    EXPECT_EQ(meter(32767), 0);  // positive samples are not looked at
    EXPECT_EQ(meter(-32767, 1), 0);
    EXPECT_EQ(meter(-32767, 2), 0);
    EXPECT_EQ(meter(-32767, 3), 8);
    EXPECT_EQ(meter(-32767, 126), 8);
}

TEST(LevelMeter, StereoLooksAtBothChannelsOfEveryThirdFrame) {
    LevelMeter m;
    std::vector<int16_t> pcm(256, 0);
    pcm[2 * 3 + 1] = -32767;  // right channel of frame 3
    EXPECT_EQ(m.update(pcm.data(), 128, 2), 8);
    m.reset();
    std::vector<int16_t> skipped(256, 0);
    skipped[2 * 4 + 1] = -32767;  // frame 4 is not inspected
    EXPECT_EQ(m.update(skipped.data(), 128, 2), 0);
}

TEST(LevelMeter, APeakDecaysAboutOneStepPerList) {
    LevelMeter m;
    const auto peak = frameWithPeak(-30000);
    const auto silence = frameWithPeak(0);
    std::vector<int> values = {m.update(peak.data(), 128, 1)};
    for (int i = 0; i < 9; ++i) {
        values.push_back(m.update(silence.data(), 128, 1));
    }
    // Halving is 6.02 dB, a little less than a 6.25 dB step, so one value repeats on the way.
    EXPECT_EQ(values, (std::vector<int>{8, 7, 6, 5, 5, 4, 3, 2, 1, 0}));
}

TEST(LevelMeter, ALouderFrameReplacesTheDecayingLevel) {
    LevelMeter m;
    const auto quiet = frameWithPeak(-1000);
    const auto loud = frameWithPeak(-32767);
    EXPECT_EQ(m.update(quiet.data(), 128, 1), 4);
    EXPECT_EQ(m.update(loud.data(), 128, 1), 8);
    EXPECT_EQ(m.update(quiet.data(), 128, 1), 8);  // half of full scale is still above -1000
    m.reset();
    EXPECT_EQ(m.update(quiet.data(), 128, 1), 4);
}

}  // namespace
}  // namespace tutti::audio
