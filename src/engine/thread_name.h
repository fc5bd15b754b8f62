#pragma once

#include <pthread.h>

namespace tutti::engine {

// Names the calling thread as `top -H`, `ps -L` and `perf` show it (at most 15 characters), so
// an operator or a benchmark can tell the mix thread from the receive thread.
inline void nameCurrentThread(const char* name) {
    pthread_setname_np(pthread_self(), name);
}

}  // namespace tutti::engine
