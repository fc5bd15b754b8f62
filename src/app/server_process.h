// One running server with all its operator front ends: the composition root (ServerApp) plus
// JSON-RPC, the signal watcher and systemd's notifications. tutti-server and tutti-server-gui
// both run exactly this; the desktop window is one more front end on api(). Lives on the thread
// that runs the control event loop.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "src/app/options.h"
#include "src/app/server_app.h"
#include "src/app/signal_watcher.h"
#include "src/app/systemd_notifier.h"
#include "src/rpc/json_rpc_server.h"
#include "src/web/web_admin_server.h"

namespace tutti::app {

class ServerProcess {
  public:
    using LogFn = std::function<void(const std::string&)>;

    // `quit` is called (on this thread) when SIGINT or SIGTERM asks the server to stop.
    ServerProcess(const ServerOptions& options, const std::string& version, LogFn log,
                  std::function<void()> quit);
    ~ServerProcess();

    // Starts JSON-RPC (before the UDP socket, as Jamulus does), the server, the signal watcher
    // and systemd's notifications. 0 on success, else the exit status; the reason was printed.
    int start(const std::string& argv0);
    // Clean stop (systemd's STOPPING=1, then ServerApp::stop()). Idempotent.
    void stop();

    control::OperatorApi& api() { return server_.api(); }
    uint16_t port() const { return server_.port(); }

  private:
    void onSignal(int signal);

    ServerOptions options_;
    std::string version_;
    LogFn log_;
    std::function<void()> quit_;
    ServerApp server_;
    // Declared after server_, so they unsubscribe before the command layer goes.
    std::unique_ptr<rpc::JsonRpcServer> rpc_;
    std::unique_ptr<SignalWatcher> signals_;
    std::unique_ptr<SystemdNotifier> systemd_;
    std::unique_ptr<web::WebAdminServer> web_;  // --web-admin-port
    bool started_ = false;
};

}  // namespace tutti::app
