// What a service manager is told about the running server, decided without libsystemd or Qt so
// it is unit-tested directly: the STATUS= text, whether the mix thread deserves a watchdog ping,
// and when the server counts as ready. src/app/systemd_notifier.* sends the results.
#pragma once

#include <cstdint>
#include <string>

namespace tutti::app {

// The operator-visible state STATUS= reports; compared as a whole to send only changes.
struct ServiceState {
    int clients = 0;
    int maxClients = 0;
    std::string registration;      // "Registered", ... as logged; "" when not using a directory
    bool directoryServer = false;  // -e localhost: this server is a directory
    int recorderState = 1;         // RECORDER_STATE byte: 1 not initialised, 2 off, 3 on
    bool operator==(const ServiceState&) const = default;
};

// e.g. "3/10 clients; directory: Registered; recording: on"
std::string statusText(const ServiceState& state);

// Progress figures of the mix thread (RtCounters): `loops` advances on every pass of its loop,
// idle or not; `ticks` only while it mixes for someone.
struct MixProgress {
    uint64_t loops = 0;
    uint64_t ticks = 0;
};

// Decides at each watchdog period whether the mix thread is alive and on time. It is not when
// its loop stopped, or when it mixes at less than a quarter of the tick rate: then it is stuck
// or starved, and a restart is the cure. A loaded machine that merely makes some ticks late
// still gets its pings; restarting would drop every client for nothing.
class MixWatchdog {
  public:
    explicit MixWatchdog(int64_t tickPeriodNs) : tickPeriodNs_(tickPeriodNs) {}
    // False on the first sample (nothing to compare with yet) and whenever the thread is
    // stalled or far behind since the previous sample.
    bool healthy(const MixProgress& now, int64_t nowNs);

  private:
    int64_t tickPeriodNs_;
    bool haveSample_ = false;
    MixProgress last_;
    int64_t lastNs_ = 0;
};

// READY=1 once the socket is bound (the caller starts watching only after that) and the mix
// thread has shown it runs.
class ReadinessGate {
  public:
    // True exactly once: on the first sample after the mix loop has moved.
    bool becameReady(const MixProgress& now);
    bool ready() const { return ready_; }

  private:
    bool haveSample_ = false;
    bool ready_ = false;
    uint64_t firstLoops_ = 0;
};

}  // namespace tutti::app
