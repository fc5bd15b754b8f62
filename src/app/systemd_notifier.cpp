#include "src/app/systemd_notifier.h"

#include <systemd/sd-daemon.h>

#include <sys/socket.h>
#include <algorithm>
#include <cstdlib>

#include "src/engine/rt_link.h"

namespace tutti::app {

SystemdNotifier::SystemdNotifier(StateFn state, ProgressFn progress, int64_t tickPeriodNs,
                                 LogFn log)
    : state_(std::move(state)),
      progress_(std::move(progress)),
      log_(std::move(log)),
      watchdog_(tickPeriodNs) {}

void SystemdNotifier::start() {
    if (std::getenv("NOTIFY_SOCKET") == nullptr) {
        return;
    }
    active_ = true;
    uint64_t watchdogUsec = 0;
    watchdogEnabled_ = sd_watchdog_enabled(0, &watchdogUsec) > 0 && watchdogUsec > 0;
    // Four samples a second keep STATUS= current; with a watchdog, at least three pings per
    // WatchdogSec so one skipped ping (see MixWatchdog) never triggers a restart.
    int periodMs = 250;
    if (watchdogEnabled_) {
        periodMs = std::clamp(static_cast<int>(watchdogUsec / 3000), 1, 250);
    }
    QObject::connect(&timer_, &QTimer::timeout, this, [this] { poll(); });
    timer_.start(periodMs);
    poll();
}

void SystemdNotifier::poll() {
    const MixProgress progress = progress_();
    if (readiness_.becameReady(progress)) {
        lastState_ = state_();
        haveStatus_ = true;
        sd_notify(0, ("READY=1\nSTATUS=" + statusText(lastState_)).c_str());
    }
    if (!readiness_.ready()) {
        return;
    }
    if (const ServiceState s = state_(); !haveStatus_ || !(s == lastState_)) {
        lastState_ = s;
        haveStatus_ = true;
        sd_notify(0, ("STATUS=" + statusText(s)).c_str());
    }
    if (watchdogEnabled_) {
        const bool healthy = watchdog_.healthy(progress, engine::steadyNowNs());
        if (healthy) {
            sd_notify(0, "WATCHDOG=1");
        }
        // The first sample has nothing to compare with and is never healthy: not news.
        if (watchdogSampled_ && healthy != lastHealthy_) {
            log_(healthy ? "Watchdog: the mix thread ticks on time again"
                         : "Watchdog: the mix thread is not ticking on time, no ping to systemd");
        }
        lastHealthy_ = healthy || !watchdogSampled_;
        watchdogSampled_ = true;
    }
}

void SystemdNotifier::stopping() {
    if (!active_) {
        return;
    }
    timer_.stop();
    sd_notify(0, "STOPPING=1\nSTATUS=Stopping");
}

int systemdDatagramSocket(std::string& error) {
    const int n = sd_listen_fds(1);
    if (n <= 0) {
        if (n < 0) {
            error = "socket activation: cannot take the sockets systemd passed";
        }
        return -1;
    }
    if (n > 1) {
        error = "socket activation: " + std::to_string(n) +
                " sockets passed, expected one datagram socket";
        return -1;
    }
    if (sd_is_socket(SD_LISTEN_FDS_START, AF_UNSPEC, SOCK_DGRAM, -1) <= 0) {
        error = "socket activation: the passed socket is not a datagram socket";
        return -1;
    }
    return SD_LISTEN_FDS_START;
}

}  // namespace tutti::app
