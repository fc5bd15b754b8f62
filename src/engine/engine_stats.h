#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace tutti::engine {

// Tick timing the mix thread publishes for the control side (later JSON-RPC, printed at stop).
// Written only by the mix thread with relaxed atomics; readers get a slightly torn but harmless
// snapshot.
struct EngineStats {
    // Tick work duration as a fraction of the frame period, in 10 % buckets; the last bucket
    // holds everything >= 100 % (a tick that overran its period).
    static constexpr int kBuckets = 11;
    std::array<std::atomic<uint64_t>, kBuckets> tickDuration{};
    std::atomic<uint64_t> worstTickNs{0};
    // From the tick's deadline to the return of its last send.
    std::atomic<uint64_t> worstDeadlineToSendNs{0};
    // The same for every tick, in 5 % buckets of the period (the last holds >= 195 %): the
    // latency the server adds, whose percentiles the benchmarks compare (issue 13).
    static constexpr int kSendBuckets = 40;
    std::array<std::atomic<uint64_t>, kSendBuckets> deadlineToSend{};
    std::atomic<uint64_t> encodes{0};
    std::atomic<uint64_t> sharedEncodeSends{0};  // mixes sent without an encode of their own
    std::atomic<uint64_t> groupRecomputes{0};
    std::atomic<uint64_t> maxEncodesPerTick{0};
    std::atomic<int> workerThreads{1};
    std::atomic<int> realtimeScheduling{-1};  // -1 unknown, 0 refused, 1 granted
    // The histogram's sum and the bucket scale for /metrics.
    std::atomic<uint64_t> tickWorkNsTotal{0};
    std::atomic<uint64_t> tickPeriodNs{0};

    void recordTick(uint64_t workNs, uint64_t periodNs, uint64_t deadlineToSendNs,
                    uint64_t encodesThisTick);
    std::string summary(uint64_t ticks, uint64_t lateTicks) const;
    // Upper bound (ns) of the bucket holding the given fraction of ticks; 0 before any tick.
    uint64_t deadlineToSendPercentileNs(double fraction) const;
};

}  // namespace tutti::engine
