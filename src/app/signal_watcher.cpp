#include "src/app/signal_watcher.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace tutti::app {

namespace {
sigset_t handledSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    // Jamulus dies on SIGHUP without finishing anything; we reload the configuration database
    // and a -w file instead (systemd's ExecReload=).
    sigaddset(&set, SIGHUP);
    // Jam recorder control (RECORDING.md section 6): new session, recording on/off.
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    return set;
}
}  // namespace

void SignalWatcher::blockSignals() {
    sigset_t set = handledSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(std::function<void(int)> onSignal) : onSignal_(std::move(onSignal)) {
    sigset_t set = handledSignals();
    fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd_ < 0) {
        return;
    }
    notifier_ = std::make_unique<QSocketNotifier>(fd_, QSocketNotifier::Read);
    QObject::connect(notifier_.get(), &QSocketNotifier::activated, this, [this] {
        signalfd_siginfo info;
        while (read(fd_, &info, sizeof(info)) == static_cast<ssize_t>(sizeof(info))) {
            onSignal_(static_cast<int>(info.ssi_signo));
        }
    });
}

SignalWatcher::~SignalWatcher() {
    notifier_.reset();
    if (fd_ >= 0) {
        close(fd_);
    }
}

}  // namespace tutti::app
