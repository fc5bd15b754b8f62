#pragma once

#include <thread>

namespace tutti::engine {

// Asks for SCHED_FIFO for the calling thread. Returns false when not permitted (no
// CAP_SYS_NICE / RLIMIT_RTPRIO); the thread then keeps its normal policy.
bool makeCurrentThreadRealtime(int priority);
bool makeThreadRealtime(std::thread& thread, int priority);

}  // namespace tutti::engine
