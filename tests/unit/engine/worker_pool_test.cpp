#include "src/engine/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace tutti::engine {
namespace {

struct Counts {
    std::vector<std::atomic<int>> hits;
    std::atomic<int> workersSeen{0};
    explicit Counts(int n) : hits(n) {}
};

void countJob(void* ctx, int index, int worker) {
    auto* c = static_cast<Counts*>(ctx);
    c->hits[static_cast<std::size_t>(index)].fetch_add(1);
    c->workersSeen.fetch_or(1 << worker);
}

TEST(WorkerPool, EveryIndexRunsExactlyOncePerPhase) {
    WorkerPool pool(2);
    EXPECT_EQ(pool.threads(), 3);
    Counts c(150);
    for (int phase = 0; phase < 2000; ++phase) {
        pool.run(&countJob, &c, 150);
    }
    for (auto& h : c.hits) {
        EXPECT_EQ(h.load(), 2000);
    }
}

TEST(WorkerPool, WithoutHelpersTheCallerDoesEverything) {
    WorkerPool pool(0);
    Counts c(10);
    pool.run(&countJob, &c, 10);
    for (auto& h : c.hits) {
        EXPECT_EQ(h.load(), 1);
    }
    EXPECT_EQ(c.workersSeen.load(), 1);
}

void slowJob(void* ctx, int index, int worker) {
    volatile double x = 0;
    for (int i = 0; i < 20000; ++i) {
        x = x + i * 0.5;
    }
    countJob(ctx, index, worker);
}

TEST(WorkerPool, HelpersShareTheWork) {
    WorkerPool pool(1);
    Counts c(64);
    // A helper the OS does not schedule in time misses a phase by design; over many phases it
    // must take part.
    for (int phase = 0; phase < 500 && c.workersSeen.load() != 3; ++phase) {
        pool.run(&slowJob, &c, 64);
    }
    EXPECT_EQ(c.workersSeen.load(), 3);  // the caller (bit 0) and the helper (bit 1) both worked
}

}  // namespace
}  // namespace tutti::engine
