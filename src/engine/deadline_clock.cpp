#include "src/engine/deadline_clock.h"

#include <cerrno>

namespace tutti::engine {

namespace {
int64_t monotonicNs() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}
}  // namespace

DeadlineClock::DeadlineClock(int samplesPerTick)
    : periodNumerator_(static_cast<int64_t>(samplesPerTick) * 1000000000LL) {
    restart();
}

void DeadlineClock::restart() {
    startNs_ = monotonicNs();
    tick_ = 0;
}

int64_t DeadlineClock::nextDeadlineNs() const {
    return startNs_ + (tick_ + 1) * periodNumerator_ / 48000;
}

int64_t DeadlineClock::waitNext() {
    const int64_t deadline = nextDeadlineNs();
    timespec ts{static_cast<time_t>(deadline / 1000000000LL),
                static_cast<long>(deadline % 1000000000LL)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
    ++tick_;
    return monotonicNs() - deadline;
}

int64_t DeadlineClock::resyncIfBehind(int maxBehindTicks) {
    const int64_t now = monotonicNs();
    const int64_t behind = now - nextDeadlineNs();
    if (behind <= maxBehindTicks * periodNumerator_ / 48000) {
        return 0;
    }
    startNs_ = now - tick_ * periodNumerator_ / 48000;
    return behind * 48000 / periodNumerator_ + 1;
}

}  // namespace tutti::engine
