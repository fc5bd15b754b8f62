#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <vector>

#include "audio/jitter_auto_sizer.h"
#include "audio/jitter_buffer.h"

namespace tutti::audio {
namespace {

constexpr int kFrameBytes = 4;
constexpr int kTicksPerSecond128 = 375;

// Drives a buffer in automatic mode with a sender that produces frame k at tick k and a network
// that delivers it at arrivalTick(k) >= k. Each tick first delivers, then reads one frame.
class Simulation {
  public:
    Simulation(bool sequenceNumbers, int frameSamples = 128) : sequenceNumbers_(sequenceNumbers) {
        EXPECT_TRUE(buffer_.configure(kFrameBytes, sequenceNumbers, frameSamples));
        EXPECT_TRUE(buffer_.isAuto());  // a new buffer sizes itself
    }

    void run(int ticks, const std::function<int64_t(int64_t)>& arrivalTick) {
        const int64_t end = tick_ + ticks;
        for (; tick_ < end; ++tick_) {
            // Frames produced from now on, kept until the network delivers them.
            pending_.push_back(Frame{tick_, arrivalTick(tick_)});
            std::stable_sort(pending_.begin(), pending_.end(),
                             [](const Frame& a, const Frame& b) { return a.arrival < b.arrival; });
            while (!pending_.empty() && pending_.front().arrival <= tick_) {
                deliver(pending_.front().number);
                pending_.erase(pending_.begin());
            }
            std::array<uint8_t, kFrameBytes> out{};
            if (!buffer_.get(out.data())) {
                ++missing_;
            }
            if (auto size = buffer_.takeAutoSizeChange()) {
                reported_.push_back(*size);
            }
        }
    }

    // Counters over the next run() only.
    void resetCounts() {
        missing_ = 0;
        reported_.clear();
    }

    JitterBuffer& buffer() { return buffer_; }
    int missing() const { return missing_; }
    const std::vector<int>& reported() const { return reported_; }
    int64_t tick() const { return tick_; }

  private:
    struct Frame {
        int64_t number;
        int64_t arrival;
    };

    void deliver(int64_t number) {
        std::array<uint8_t, kFrameBytes> f{};
        f.fill(static_cast<uint8_t>(number));
        const std::optional<uint8_t> seq =
            sequenceNumbers_ ? std::optional<uint8_t>(static_cast<uint8_t>(number)) : std::nullopt;
        buffer_.put(f.data(), kFrameBytes, seq);
    }

    JitterBuffer buffer_;
    bool sequenceNumbers_;
    std::vector<Frame> pending_;
    int64_t tick_ = 0;
    int missing_ = 0;
    std::vector<int> reported_;
};

int64_t onTime(int64_t k) {
    return k;
}

// Frames held back and released together every `burst` ticks, as a congested link or a
// sender with a large buffer delivers them.
std::function<int64_t(int64_t)> bursts(int burst) {
    return [burst](int64_t k) { return (k + burst - 1) / burst * burst; };
}

TEST(JitterAutoSize, ReportsTheInitialSizeAtOnce) {
    Simulation sim(true);
    sim.run(1, onTime);
    ASSERT_FALSE(sim.reported().empty());
    EXPECT_EQ(sim.reported().front(), JitterAutoSizer::kInitialSize);
}

TEST(JitterAutoSize, SettlesSmallOnASteadyStream) {
    for (bool sequenceNumbers : {true, false}) {
        Simulation sim(sequenceNumbers);
        sim.run(20 * kTicksPerSecond128, onTime);
        EXPECT_EQ(sim.buffer().currentSize(), JitterAutoSizer::kMinSize) << sequenceNumbers;
        EXPECT_EQ(sim.missing(), 0) << sequenceNumbers;
        // Every change was reported, ending at the current size, each one step down.
        ASSERT_FALSE(sim.reported().empty());
        EXPECT_EQ(sim.reported().back(), sim.buffer().currentSize());
        EXPECT_TRUE(std::is_sorted(sim.reported().rbegin(), sim.reported().rend()));
    }
}

TEST(JitterAutoSize, GrowsWhenPacketsArriveInBursts) {
    for (bool sequenceNumbers : {true, false}) {
        Simulation sim(sequenceNumbers);
        sim.run(10 * kTicksPerSecond128, onTime);
        ASSERT_EQ(sim.buffer().currentSize(), 2);

        sim.resetCounts();
        sim.run(10 * kTicksPerSecond128, bursts(8));
        // Eight frames arrive at once, so nothing smaller than eight can hold them.
        EXPECT_GE(sim.buffer().currentSize(), 8) << sequenceNumbers;
        EXPECT_LE(sim.buffer().currentSize(), 10) << sequenceNumbers;
        ASSERT_FALSE(sim.reported().empty());
        EXPECT_EQ(sim.reported().back(), sim.buffer().currentSize());

        // Once grown, the bursts play without gaps.
        sim.resetCounts();
        sim.run(5 * kTicksPerSecond128, bursts(8));
        EXPECT_EQ(sim.missing(), 0) << sequenceNumbers;
    }
}

TEST(JitterAutoSize, FollowsRandomNetworkJitter) {
    Simulation sim(true);
    std::mt19937 random(1234);
    std::uniform_int_distribution<int> delay(0, 3);
    auto jittery = [&](int64_t k) { return k + delay(random); };
    sim.run(30 * kTicksPerSecond128, jittery);
    // Delays of up to 3 ticks need about 4 slots; much more would be wasted latency.
    EXPECT_GE(sim.buffer().currentSize(), 4);
    EXPECT_LE(sim.buffer().currentSize(), 6);
    sim.resetCounts();
    sim.run(15 * kTicksPerSecond128, jittery);
    // Error budget: 0.05 % of 5625 frames is under 3.
    EXPECT_LE(sim.missing(), 3);
}

TEST(JitterAutoSize, ShrinksAgainWhenTheNetworkCalmsDown) {
    Simulation sim(true);
    sim.run(10 * kTicksPerSecond128, bursts(6));
    ASSERT_GE(sim.buffer().currentSize(), 6);
    sim.run(120 * kTicksPerSecond128, onTime);
    EXPECT_LE(sim.buffer().currentSize(), 3);
}

TEST(JitterAutoSize, SmallFramesUseTheirOwnClock) {
    // 64-sample frames come twice as often; the same 3 s of trouble is twice as many frames.
    Simulation sim(true, 64);
    sim.run(20 * 750, onTime);
    EXPECT_EQ(sim.buffer().currentSize(), 2);
    sim.run(10 * 750, bursts(5));
    EXPECT_GE(sim.buffer().currentSize(), 5);
}

TEST(JitterAutoSize, FixedSizeStopsReportingAndAutoResumes) {
    Simulation sim(true);
    sim.run(100, onTime);
    ASSERT_TRUE(sim.buffer().setRequestedSize(5));
    sim.resetCounts();
    sim.run(1000, bursts(8));
    EXPECT_EQ(sim.buffer().currentSize(), 5);
    EXPECT_TRUE(sim.reported().empty());
    EXPECT_GT(sim.buffer().stats().overruns, 0u);  // a fixed buffer too small for the bursts

    ASSERT_TRUE(sim.buffer().setRequestedSize(JitterBuffer::kAutoSize));
    sim.run(1, bursts(8));
    ASSERT_FALSE(sim.reported().empty());
    sim.run(5 * kTicksPerSecond128, bursts(8));
    EXPECT_GE(sim.buffer().currentSize(), 8);
}

TEST(JitterAutoSizer, MeasuresErrorRatesPerShadowSize) {
    JitterAutoSizer sizer;
    sizer.reset(false, 128);
    // Two frames arrive every second tick: a size-2 FIFO holds them, and nothing ever fails.
    // Three at a time every third tick: size 2 drops one per burst.
    for (int tick = 0; tick < 3000; ++tick) {
        if (tick % 3 == 0) {
            sizer.onPut(std::nullopt);
            sizer.onPut(std::nullopt);
            sizer.onPut(std::nullopt);
        }
        sizer.onGet();
    }
    EXPECT_GT(sizer.errorRate(2), 0.3);  // one drop plus one underrun per three gets
    EXPECT_LT(sizer.errorRate(3), 1e-9);
    EXPECT_EQ(sizer.size(), 3);
}

}  // namespace
}  // namespace tutti::audio
