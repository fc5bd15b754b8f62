#include "src/engine/worker_pool.h"

#include <string>

#include "src/engine/rt_link.h"
#include "src/engine/thread_name.h"

namespace tutti::engine {

namespace {
// Tells the core this is a spin loop (saves power, frees the pipeline for a sibling thread).
inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || (defined(__arm__) && __ARM_ARCH >= 7)
    asm volatile("yield");
#endif
}

// Spins while `keepGoing()` holds, for at most `limitNs`. Reads the clock only every 64 rounds:
// a spin round is a few nanoseconds, a clock read tens.
template <typename KeepGoing>
void spinBounded(int64_t limitNs, KeepGoing keepGoing) {
    const int64_t until = steadyNowNs() + limitNs;
    for (int round = 1; keepGoing(); ++round) {
        cpuRelax();
        if (round % 64 == 0 && steadyNowNs() > until) {
            return;
        }
    }
}
}  // namespace

WorkerPool::WorkerPool(int helpers, int64_t burstSpinNs) : burstSpinNs_(burstSpinNs) {
    threads_.reserve(static_cast<std::size_t>(helpers));
    for (int w = 1; w <= helpers; ++w) {
        threads_.emplace_back([this, w] { helperLoop(w); });
    }
}

WorkerPool::~WorkerPool() {
    stop_.store(true);
    generation_.fetch_add(1);
    generation_.notify_all();
    for (auto& t : threads_) {
        t.join();
    }
}

void WorkerPool::work(int worker) {
    for (int i = next_.fetch_add(1, std::memory_order_relaxed); i < count_;
         i = next_.fetch_add(1, std::memory_order_relaxed)) {
        job_(context_, i, worker);
    }
}

void WorkerPool::helperLoop(int worker) {
    nameCurrentThread(("tutti-worker" + std::to_string(worker)).c_str());
    uint32_t seen = 0;
    while (!stop_.load()) {
        // Spin briefly (longer inside a burst, see beginBurst()), then sleep on the futex
        // behind atomic::wait until the next phase is published.
        uint32_t g = generation_.load();
        for (int spin = 0; g == seen && spin < 4000; ++spin) {
            g = generation_.load();
        }
        if (g == seen && burst_.load(std::memory_order_relaxed)) {
            // The caller is between two phases of a burst: the next one is microseconds away.
            spinBounded(burstSpinNs_, [&] {
                g = generation_.load();
                return g == seen && burst_.load(std::memory_order_relaxed);
            });
        }
        if (g == seen) {
            generation_.wait(seen);
            continue;
        }
        seen = g;
        // Announce ourselves, then check the phase is still open. Together with the caller's
        // close-then-check (both sequentially consistent) either the caller waits for us or we
        // stay out: never both miss each other.
        inFlight_.fetch_add(1);
        if (open_.load() == g) {
            work(worker);
        }
        if (inFlight_.fetch_sub(1) == 1) {
            inFlight_.notify_one();
        }
    }
}

void WorkerPool::run(Job job, void* context, int count) {
    if (count <= 0) {
        return;
    }
    if (threads_.empty() || count == 1) {
        for (int i = 0; i < count; ++i) {
            job(context, i, 0);
        }
        return;
    }
    job_ = job;
    context_ = context;
    count_ = count;
    next_.store(0, std::memory_order_relaxed);
    const uint32_t g = generation_.load() + 1;
    open_.store(g);
    generation_.store(g);
    generation_.notify_all();
    work(0);
    // Every item is claimed; close the phase and wait only for helpers still inside it.
    open_.store(0);
    if (burst_.load(std::memory_order_relaxed)) {
        // A helper still inside an item finishes it within microseconds.
        spinBounded(burstSpinNs_, [this] { return inFlight_.load() != 0; });
    }
    for (int n = inFlight_.load(); n != 0; n = inFlight_.load()) {
        inFlight_.wait(n);
    }
}

}  // namespace tutti::engine
