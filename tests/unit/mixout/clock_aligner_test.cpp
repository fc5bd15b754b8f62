#include "src/mixout/clock_aligner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tutti::mixout {
namespace {

// The mix thread writes ticks on its clock, the device pulls periods on its own, and the two
// differ by `ppm`. Simulated time, so minutes take milliseconds.
struct DriftRun {
    std::size_t minLevel = SIZE_MAX;  // ring level seen at a pull, once primed
    std::size_t maxLevel = 0;
    uint64_t overruns = 0;
    uint64_t underruns = 0;
    uint64_t dropped = 0;
    uint64_t repeated = 0;
    double worstStep = 0;  // the largest step between consecutive output frames of a ramp
    double smallestStep = 1;
    int wraps = 0;
};

DriftRun simulate(double ppm, std::size_t period, int tick, double seconds) {
    FrameRing ring(8192, 2);
    ClockAligner aligner(ring, period + 2 * static_cast<std::size_t>(tick),
                         static_cast<std::size_t>(tick), 1024);
    const double tickDt = tick / (48000.0 * (1.0 + ppm * 1e-6));
    const double periodDt = static_cast<double>(period) / 48000.0;
    std::vector<float> block(static_cast<std::size_t>(tick) * 2);
    std::vector<float> out(period * 2);
    DriftRun r;
    double producer = 0;
    double device = 0;
    int ramp = 0;  // the mix is a ramp (mod 2^16), so every dropped or repeated frame shows
    float last = -1;
    while (device < seconds) {
        if (producer <= device) {
            for (int i = 0; i < tick; ++i) {
                const float v = static_cast<float>(ramp++ % 65536);
                block[static_cast<std::size_t>(2 * i)] = v;
                block[static_cast<std::size_t>(2 * i + 1)] = -v;
            }
            if (!ring.write(block.data(), static_cast<std::size_t>(tick))) {
                ++r.overruns;
            }
            producer += tickDt;
            continue;
        }
        const bool primed = aligner.primed();
        const std::size_t level = ring.readable();
        aligner.pull(out.data(), period);
        if (primed) {
            r.minLevel = std::min(r.minLevel, level);
            r.maxLevel = std::max(r.maxLevel, level);
            for (std::size_t i = 0; i < period; ++i) {
                const float v = out[2 * i];
                EXPECT_EQ(out[2 * i + 1], -v);
                if (last >= 0) {
                    const double step = v - last;
                    if (std::abs(step) > 1000) {
                        ++r.wraps;  // the ramp wrapped (a correction there averages across it)
                        last = v;
                        continue;
                    }
                    r.worstStep = std::max(r.worstStep, step);
                    r.smallestStep = std::min(r.smallestStep, step);
                }
                last = v;
            }
        }
        device += periodDt;
    }
    r.underruns = aligner.underruns();
    r.dropped = aligner.framesDropped();
    r.repeated = aligner.framesRepeated();
    return r;
}

void expectHeld(double ppm, std::size_t period, int tick) {
    SCOPED_TRACE(testing::Message() << ppm << " ppm, period " << period << ", tick " << tick);
    constexpr double kSeconds = 300;  // five minutes of simulated time
    const DriftRun r = simulate(ppm, period, tick, kSeconds);
    EXPECT_EQ(r.overruns, 0u);
    EXPECT_EQ(r.underruns, 0u);
    // The level never falls below one period (no underrun) and stays near the target.
    EXPECT_GE(r.minLevel, period);
    EXPECT_LE(r.maxLevel, period + 5 * static_cast<std::size_t>(tick));
    // Corrections follow the drift: about ppm x 48000 x seconds frames, in one direction.
    const double drift = std::abs(ppm) * 1e-6 * 48000 * kSeconds;
    const double corrections = static_cast<double>(r.dropped + r.repeated);
    EXPECT_NEAR(corrections, drift, 0.1 * drift + 2 * tick);
    if (ppm > 0) {
        EXPECT_GT(r.dropped, r.repeated);
    } else if (ppm < 0) {
        EXPECT_GT(r.repeated, r.dropped);
    }
    // Every correction is interpolated: the ramp's steps stay between half and one and a half.
    EXPECT_LE(r.worstStep, 1.5);
    EXPECT_GE(r.smallestStep, 0.5);
    EXPECT_LE(r.wraps, static_cast<int>(kSeconds * 48000 / 65536) * 2 + 2);
}

TEST(ClockAligner, HoldsTheRingAtPlus200Ppm) {
    expectHeld(200, 256, 128);
    expectHeld(200, 1024, 128);
    expectHeld(200, 64, 64);
}

TEST(ClockAligner, HoldsTheRingAtMinus200Ppm) {
    expectHeld(-200, 256, 128);
    expectHeld(-200, 1024, 128);
    expectHeld(-200, 64, 64);
}

TEST(ClockAligner, EqualClocksNeedAlmostNoCorrection) {
    const DriftRun r = simulate(0, 256, 128, 120);
    EXPECT_EQ(r.underruns, 0u);
    EXPECT_LE(r.dropped + r.repeated, 4u);
    EXPECT_DOUBLE_EQ(r.worstStep, 1.0);
}

TEST(ClockAligner, PlaysSilenceUntilPrimedAndAfterAnUnderrun) {
    FrameRing ring(1024, 2);
    ClockAligner aligner(ring, 300, 64, 512);
    std::vector<float> block(128 * 2, 0.5f);
    std::vector<float> out(256 * 2, 1.0f);
    ring.write(block.data(), 128);
    aligner.pull(out.data(), 256);  // 128 < target 300: not primed yet
    EXPECT_FALSE(aligner.primed());
    EXPECT_EQ(out[0], 0.0f);
    EXPECT_EQ(ring.readable(), 128u);  // nothing consumed while priming
    ring.write(block.data(), 128);
    ring.write(block.data(), 128);
    aligner.pull(out.data(), 256);  // 384 queued: the oldest 84 go, it starts at the target
    EXPECT_TRUE(aligner.primed());
    EXPECT_EQ(out[0], 0.5f);
    EXPECT_EQ(ring.readable(), 44u);
    aligner.pull(out.data(), 256);  // 44 left: those, then silence
    EXPECT_EQ(aligner.underruns(), 1u);
    EXPECT_FALSE(aligner.primed());
    EXPECT_EQ(out[2 * 43], 0.5f);
    EXPECT_EQ(out[2 * 44], 0.0f);
}

TEST(ClockAligner, SplitsPeriodsLongerThanItsScratch) {
    FrameRing ring(8192, 2);
    ClockAligner aligner(ring, 1500, 4, 100);
    std::vector<float> block(2000 * 2, 0.25f);
    ring.write(block.data(), 2000);
    std::vector<float> out(1000 * 2, 0.0f);
    aligner.pull(out.data(), 1000);  // ten pulls of 100 from the target level of 1500
    EXPECT_EQ(aligner.underruns(), 0u);
    EXPECT_EQ(out[2 * 999], 0.25f);
    EXPECT_NEAR(static_cast<double>(ring.readable()), 500, 10);
}

}  // namespace
}  // namespace tutti::mixout
