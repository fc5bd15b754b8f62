// The server's side of sd-daemon (libsystemd): READY=1, STATUS=, WATCHDOG=1, STOPPING=1 and the
// socket systemd may hand over (socket activation). Decisions are made by the Qt-free
// systemd_service_state.*; this thin driver samples the server on the control thread's event
// loop and sends the results. Without NOTIFY_SOCKET (not started by systemd) it does nothing.
#pragma once

#include <QObject>
#include <QTimer>
#include <functional>
#include <string>

#include "src/app/systemd_service_state.h"

namespace tutti::app {

class SystemdNotifier : public QObject {
  public:
    using StateFn = std::function<ServiceState()>;
    using ProgressFn = std::function<MixProgress()>;
    using LogFn = std::function<void(const std::string&)>;

    // Both functions are called on the control thread; `progress` reads relaxed atomics only.
    SystemdNotifier(StateFn state, ProgressFn progress, int64_t tickPeriodNs, LogFn log);

    // Call once the socket is bound and the mix thread started.
    void start();
    // Call when the server begins to shut down.
    void stopping();

  private:
    void poll();

    StateFn state_;
    ProgressFn progress_;
    LogFn log_;
    MixWatchdog watchdog_;
    ReadinessGate readiness_;
    bool active_ = false;
    bool watchdogEnabled_ = false;
    bool lastHealthy_ = true;
    bool watchdogSampled_ = false;
    bool haveStatus_ = false;
    ServiceState lastState_;
    QTimer timer_;
};

// Socket activation: the UDP socket systemd bound for us (jamulus-headless.socket), or -1 when
// none was passed. Exactly one datagram socket is accepted; anything else is refused with a
// reason in `error` (and -1).
int systemdDatagramSocket(std::string& error);

}  // namespace tutti::app
