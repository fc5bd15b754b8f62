#include "src/engine/engine_stats.h"

#include <cstdio>

namespace tutti::engine {

namespace {
void raise(std::atomic<uint64_t>& a, uint64_t v) {
    if (v > a.load(std::memory_order_relaxed)) {
        a.store(v, std::memory_order_relaxed);
    }
}
}  // namespace

void EngineStats::recordTick(uint64_t workNs, uint64_t periodNs, uint64_t deadlineToSendNs,
                             uint64_t encodesThisTick) {
    uint64_t bucket = periodNs == 0 ? 0 : workNs * 10 / periodNs;
    if (bucket >= kBuckets) {
        bucket = kBuckets - 1;
    }
    tickDuration[bucket].fetch_add(1, std::memory_order_relaxed);
    tickWorkNsTotal.fetch_add(workNs, std::memory_order_relaxed);
    tickPeriodNs.store(periodNs, std::memory_order_relaxed);
    raise(worstTickNs, workNs);
    raise(worstDeadlineToSendNs, deadlineToSendNs);
    uint64_t sendBucket = periodNs == 0 ? 0 : deadlineToSendNs * 20 / periodNs;
    if (sendBucket >= kSendBuckets) {
        sendBucket = kSendBuckets - 1;
    }
    deadlineToSend[sendBucket].fetch_add(1, std::memory_order_relaxed);
    raise(maxEncodesPerTick, encodesThisTick);
    encodes.fetch_add(encodesThisTick, std::memory_order_relaxed);
}

uint64_t EngineStats::deadlineToSendPercentileNs(double fraction) const {
    uint64_t total = 0;
    for (const auto& b : deadlineToSend) {
        total += b.load(std::memory_order_relaxed);
    }
    if (total == 0) {
        return 0;
    }
    const double wanted = fraction * static_cast<double>(total);
    uint64_t seen = 0;
    for (int b = 0; b < kSendBuckets; ++b) {
        seen += deadlineToSend[b].load(std::memory_order_relaxed);
        if (static_cast<double>(seen) >= wanted) {
            return tickPeriodNs.load(std::memory_order_relaxed) * static_cast<uint64_t>(b + 1) / 20;
        }
    }
    return tickPeriodNs.load(std::memory_order_relaxed) * kSendBuckets / 20;
}

std::string EngineStats::summary(uint64_t ticks, uint64_t lateTicks) const {
    std::string s =
        "Engine: " + std::to_string(ticks) + " ticks, " + std::to_string(lateTicks) +
        " late, worst tick " + std::to_string(worstTickNs.load() / 1000) +
        " us, worst deadline-to-send " + std::to_string(worstDeadlineToSendNs.load() / 1000) +
        " us (p50 <= " + std::to_string(deadlineToSendPercentileNs(0.5) / 1000) +
        " us, p99 <= " + std::to_string(deadlineToSendPercentileNs(0.99) / 1000) +
        " us), encodes " + std::to_string(encodes.load()) + " (max " +
        std::to_string(maxEncodesPerTick.load()) + "/tick), shared sends " +
        std::to_string(sharedEncodeSends.load()) + ", worker threads " +
        std::to_string(workerThreads.load()) + ", tick duration histogram (% of period):";
    for (int b = 0; b < kBuckets; ++b) {
        const uint64_t n = tickDuration[b].load();
        if (n != 0) {
            char buf[48];
            std::snprintf(buf, sizeof(buf), " %s%d%%:%llu", b == kBuckets - 1 ? ">=" : "<",
                          b == kBuckets - 1 ? 100 : (b + 1) * 10,
                          static_cast<unsigned long long>(n));
            s += buf;
        }
    }
    return s;
}

}  // namespace tutti::engine
