// tutti-server: a Jamulus-compatible jam server. Parses the Jamulus command line, starts the
// real-time threads and runs the control thread's event loop until SIGINT/SIGTERM.
#include <QCoreApplication>
#include <clocale>
#include <iostream>
#include <string>
#include <vector>

#include "src/app/options.h"
#include "src/app/signal_watcher.h"
#include "src/app/version_banner.h"
#include "src/server/server_runtime.h"

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

    tutti::server::ServerConfig config;
    config.maxChannels = o.maxChannels;
    config.welcomeMessage = o.welcomeMessage;
    config.licenceRequired = o.licenceRequired;
    config.disconnectOnQuit = o.disconnectOnQuit;
    config.version = TUTTI_VERSION_STRING;

    tutti::net::SocketConfig socketConfig;
    socketConfig.port = static_cast<uint16_t>(o.port);
    socketConfig.bindIpv4 = o.bindIpv4;
    socketConfig.ipv6 = !o.noIpv6;
    socketConfig.qos = o.qos;

    tutti::server::ServerRuntime server(config, socketConfig, logLine);
    if (const std::string err = server.start(); !err.empty()) {
        std::cerr << args[0] << ": Network Error: Cannot bind the socket (maybe the software is "
                  << "already running). (" << err << ")" << std::endl;
        return 1;
    }
    for (const std::string& line : tutti::app::versionBannerLines(TUTTI_VERSION_STRING)) {
        std::cerr << line << "\n";
    }
    std::cerr << std::endl;

    tutti::app::SignalWatcher signalWatcher([&](int) { app.quit(); });
    const int rc = app.exec();
    server.stop();
    return rc;
}
