// tutti-server: a Jamulus-compatible jam server. Parses the Jamulus command line, builds the
// server (ServerApp, the composition root) and runs the control thread's event loop until
// SIGINT/SIGTERM.
#include <QCoreApplication>
#include <clocale>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "src/app/options.h"
#include "src/app/server_app.h"
#include "src/app/signal_watcher.h"
#include "src/app/version_banner.h"
#include "src/rpc/json_rpc_server.h"

namespace {

void logLine(const std::string& line) {
    std::cerr << line << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    const tutti::app::ParseResult parsed = tutti::app::parseCommandLine(args, TUTTI_VERSION_STRING);
    tutti::app::printParseResult(parsed, std::cout, std::cerr);
    if (parsed.shouldExit()) {
        return parsed.exitStatus;
    }
    const tutti::app::ServerOptions& o = *parsed.options;

    tutti::app::SignalWatcher::blockSignals();
    QCoreApplication app(argc, argv);
    // Chat time stamps use the C locale's AM/PM whatever locale Qt picked up.
    std::setlocale(LC_TIME, "C");

    tutti::app::ServerApp server(o, TUTTI_VERSION_STRING, logLine);

    // JSON-RPC starts before the UDP socket is bound, as Jamulus does (CLI.md 3), and talks only
    // to the command layer. Declared after `server`, so it unsubscribes before the layer goes.
    std::unique_ptr<tutti::rpc::JsonRpcServer> rpc;
    if (o.jsonRpcPort) {
        rpc = std::make_unique<tutti::rpc::JsonRpcServer>(
            server.api(),
            tutti::rpc::JsonRpcConfig{static_cast<uint16_t>(*o.jsonRpcPort), o.jsonRpcBindIp,
                                      o.jsonRpcSecret},
            logLine);
        if (const std::string err = rpc->listen(); !err.empty()) {
            logLine(err);
            return 1;
        }
    }

    if (const std::string err = server.start(); !err.empty()) {
        std::cerr << args[0] << ": Network Error: Cannot bind the socket (maybe the software is "
                  << "already running). (" << err << ")" << std::endl;
        return 1;
    }
    for (const std::string& line : tutti::app::versionBannerLines(TUTTI_VERSION_STRING)) {
        std::cerr << line << "\n";
    }
    std::cerr << std::endl;

    tutti::app::SignalWatcher signalWatcher([&](int signal) {
        logLine("OnHandledSignal: " + std::to_string(signal));
        if (signal == SIGUSR1 || signal == SIGUSR2) {
            server.onRecordingSignal(signal);
        } else {
            app.quit();
        }
    });
    const int rc = app.exec();
    server.stop();
    return rc;
}
