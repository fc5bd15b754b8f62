#pragma once

#include <time.h>

#include <cstdint>

namespace tutti::engine {

// Sleeps until absolute deadlines spaced by exactly `samples` at 48 kHz. Deadlines are derived
// from the tick index, never from "now + period", so sleep overshoot never accumulates into drift.
class DeadlineClock {
  public:
    explicit DeadlineClock(int samplesPerTick);
    void restart();
    // Sleeps until the next deadline; returns how late (ns) we woke relative to it.
    int64_t waitNext();
    // If we fell more than `maxBehindTicks` behind, skip ahead instead of bursting to catch up.
    // Returns how many deadlines passed without a tick (0 when not behind): they were missed as
    // surely as a late one, and a stall long enough to be skipped must not look like no stall.
    int64_t resyncIfBehind(int maxBehindTicks);
    int64_t periodNs() const { return periodNumerator_ / 48000; }
    int64_t nextDeadlineNs() const;

  private:
    int64_t periodNumerator_;  // period in ns x 48000, exact for any sample count
    int64_t startNs_ = 0;
    int64_t tick_ = 0;
};

}  // namespace tutti::engine
