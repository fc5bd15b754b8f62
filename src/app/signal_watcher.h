#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <functional>
#include <memory>

namespace tutti::app {

// Turns SIGINT, SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 into calls on the control thread via signalfd,
// so no code runs in signal-handler context. blockSignals() must run before any thread is started,
// so that every thread inherits the mask and the signals are only ever delivered through the
// descriptor.
class SignalWatcher : public QObject {
  public:
    static void blockSignals();
    explicit SignalWatcher(std::function<void(int)> onSignal);
    ~SignalWatcher() override;

  private:
    int fd_ = -1;
    std::unique_ptr<QSocketNotifier> notifier_;
    std::function<void(int)> onSignal_;
};

}  // namespace tutti::app
