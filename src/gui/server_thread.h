// The server (ServerProcess: engine, JSON-RPC, signals, systemd) on a control thread of its own,
// so the GUI thread's event loop is never the server's: a window that hangs cannot stall the
// control side, and the real-time threads never depended on either.
#pragma once

#include <QObject>
#include <QThread>
#include <functional>
#include <memory>
#include <string>

#include "src/app/options.h"
#include "src/control/operator_api.h"

namespace tutti::app {
class ServerProcess;
}

namespace tutti::gui {

class ServerThread {
  public:
    // `quit` is called on the control thread when SIGINT/SIGTERM asks the server to stop.
    ServerThread(const app::ServerOptions& options, std::string version,
                 std::function<void()> quit);
    ~ServerThread();

    // Starts the thread and the server on it; 0 on success, else the exit status (the reason was
    // printed).
    int start(const std::string& argv0);
    // Stops the server and the thread. Idempotent.
    void stop();

    // The command layer; use it on context()'s thread only (see ApiProxy).
    control::OperatorApi& api();
    QObject* context() { return context_; }

  private:
    app::ServerOptions options_;
    std::string version_;
    std::function<void()> quit_;
    QThread thread_;
    QObject* context_ = nullptr;  // lives on thread_
    std::unique_ptr<app::ServerProcess> process_;
};

}  // namespace tutti::gui
