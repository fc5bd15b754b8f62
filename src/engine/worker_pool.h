#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace tutti::engine {

// A fixed set of threads that help the mix thread through one phase of a tick at a time. Work is
// a plain function over indices 0..count-1 handed out by an atomic counter: nothing allocates
// per tick. The calling (mix) thread works too and never waits for a helper that has not started:
// a helper preempted by the OS simply misses the phase, so a busy machine costs parallelism, not
// a late tick. Only helpers that are in the middle of an item are waited for.
class WorkerPool {
  public:
    using Job = void (*)(void* context, int index, int worker);

    // How long a spin inside a burst may last by default: longer than the gap between two
    // phases of a tick or one item of work (tens of microseconds), short against a tick period,
    // so a caller that is preempted mid-burst costs a spinning helper at most this much.
    static constexpr int64_t kBurstSpinNs = 200000;

    // `helpers` extra threads (0 allowed); worker ids are 0 (caller) .. helpers.
    explicit WorkerPool(int helpers, int64_t burstSpinNs = kBurstSpinNs);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    int threads() const { return static_cast<int>(threads_.size()) + 1; }
    // Runs job(context, i, worker) for every i in [0, count) and returns when all are done.
    void run(Job job, void* context, int count);
    // Brackets a run of phases that follow each other closely (one tick's decode and mix).
    // Inside it, helpers that finished a phase spin for the next one instead of sleeping, and
    // the caller spins for helpers still inside an item: a futex sleep and wake-up costs more
    // than the gap between phases, above all on a virtual machine, where every wake-up is an
    // inter-processor interrupt through the hypervisor. Both spins are bounded by time.
    void beginBurst() { burst_.store(true, std::memory_order_relaxed); }
    void endBurst() { burst_.store(false, std::memory_order_relaxed); }
    std::vector<std::thread>& helperThreads() { return threads_; }

  private:
    void helperLoop(int worker);
    void work(int worker);

    std::vector<std::thread> threads_;
    Job job_ = nullptr;
    void* context_ = nullptr;
    int count_ = 0;
    std::atomic<int> next_{0};
    std::atomic<uint32_t> generation_{0};  // bumped to publish a phase
    std::atomic<uint32_t> open_{0};        // generation of the phase helpers may still join
    std::atomic<int> inFlight_{0};         // helpers inside the current phase
    std::atomic<bool> stop_{false};
    std::atomic<bool> burst_{false};  // see beginBurst()
    const int64_t burstSpinNs_;
};

}  // namespace tutti::engine
