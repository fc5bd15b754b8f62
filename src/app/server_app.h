// The composition root: builds the engine and ServerCore (ServerRuntime), the recorder, the
// directory role and the command layer from the options, wires them through the adapters and
// hangs the operator front ends (signals, -l, -m, later JSON-RPC and the GUI) on the command
// layer. Nothing below src/app knows how the parts are put together.
#pragma once

#include <memory>
#include <string>

#include "src/app/command_adapters.h"
#include "src/app/directory_host.h"
#include "src/app/mixout_host.h"
#include "src/app/options.h"
#include "src/app/server_runtime.h"
#include "src/control/command_layer.h"
#include "src/control/connection_log_file.h"
#include "src/control/html_status_file.h"

namespace tutti::app {

class ServerApp {
  public:
    using LogFn = std::function<void(const std::string&)>;

    // `inheritedSocket`: a UDP socket systemd already bound (socket activation), -1 to bind one.
    ServerApp(const ServerOptions& options, const std::string& version, LogFn log,
              int inheritedSocket = -1);
    ~ServerApp();

    // What every operator front end talks to.
    control::OperatorApi& api() { return commands_; }

    // Opens the configuration database (--database, or one in memory) and hands it to the
    // command layer; call before start(). "" on success, else why the server cannot run.
    std::string openDatabase();

    // Prints the directory and recorder lines, opens the socket, starts the threads, the
    // directory role and the -l / -m files. "" on success, else why the socket failed.
    std::string start();
    // Clean stop: -d notices, the idle line, recording finished, unregistering, "Server
    // terminated" in the -m file.
    void stop();

    uint16_t port() const { return runtime_.port(); }  // the bound UDP port (after start())
    // The real-time threads' counters (the service watchdog reads their progress).
    const engine::RtCounters& counters() const { return runtime_.counters(); }

    // SIGUSR1 / SIGUSR2 through the command layer, like any other front end.
    void onRecordingSignal(int signal);

  private:
    // Writes the settings the command line gives explicitly to the database (they win at start).
    void recordCommandLineSettings();

    // Administration (issue 12): the database, bans, allowlist and server log. First, so it
    // outlives everything that may still report to it while the server stops.
    std::unique_ptr<admin::Administration> admin_;
    ServerOptions options_;
    LogFn log_;
    ServerRuntime runtime_;
    DirectoryHost directory_;
    ClientsAdapter clientsPort_;
    RecorderAdapter recorderPort_;
    DirectoryAdapter directoryPort_;
    EngineAdapter enginePort_;
    control::CommandLayer commands_;
    ServerEventsAdapter serverEvents_;
    std::unique_ptr<control::ConnectionLogFile> logFile_;
    std::unique_ptr<control::HtmlStatusFile> statusFile_;
    std::unique_ptr<MixOutHost> mixOut_;  // --mixout
    bool running_ = false;
};

}  // namespace tutti::app
