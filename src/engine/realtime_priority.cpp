#include "src/engine/realtime_priority.h"

#include <pthread.h>
#include <sched.h>

namespace tutti::engine {

namespace {
bool setFifo(pthread_t t, int priority) {
    sched_param p{};
    p.sched_priority = priority;
    return pthread_setschedparam(t, SCHED_FIFO, &p) == 0;
}
}  // namespace

bool makeCurrentThreadRealtime(int priority) {
    return setFifo(pthread_self(), priority);
}

bool makeThreadRealtime(std::thread& thread, int priority) {
    return setFifo(thread.native_handle(), priority);
}

}  // namespace tutti::engine
