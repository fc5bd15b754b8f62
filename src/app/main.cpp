// tutti-server: a Jamulus-compatible jam server. Parses the Jamulus command line, builds the
// server (ServerApp, the composition root), hangs the front ends on its command layer (signals,
// JSON-RPC, systemd's STATUS=) and runs the control thread's event loop until SIGINT/SIGTERM.
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
#include "src/app/systemd_journal.h"
#include "src/app/systemd_notifier.h"
#include "src/app/version_banner.h"
#include "src/directory/directory_address.h"
#include "src/directory/registration_status.h"
#include "src/rpc/json_rpc_server.h"

namespace {

void logLine(const std::string& line) {
    std::cerr << line << std::endl;
}

// The registration text as logged ("Registered", ...) for a JSON-RPC status key.
std::string registrationText(const std::string& key) {
    using tutti::directory::RegistrationStatus;
    for (int i = 0; i <= static_cast<int>(RegistrationStatus::RequirementsNotFulfilled); ++i) {
        const auto s = static_cast<RegistrationStatus>(i);
        if (tutti::directory::statusKey(s) == key) {
            return std::string(tutti::directory::statusText(s));
        }
    }
    return key;
}

// What systemd's STATUS= shows, read through the command layer like any other front end.
tutti::app::ServiceState serviceState(const tutti::control::OperatorApi& api, int maxClients) {
    tutti::app::ServiceState s;
    s.clients = static_cast<int>(api.clients().size());
    s.maxClients = maxClients;
    const tutti::control::RecorderStatus rec = api.recorderStatus();
    s.recorderState = !rec.initialised ? 1 : rec.enabled ? 3 : 2;
    const tutti::control::ServerProfile profile = api.serverProfile();
    if (profile.directoryType != tutti::control::DirectoryType::None) {
        s.directoryServer = tutti::directory::parseDirectoryAddress(profile.directory).kind ==
                            tutti::directory::DirectoryAddress::Kind::BeDirectory;
        s.registration = registrationText(profile.registrationStatus);
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    tutti::app::installJournalPrefixesIfJournal();
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

    // Socket activation (jamulus-headless.socket): systemd may have bound the UDP socket for us.
    std::string activationError;
    const int inheritedSocket = tutti::app::systemdDatagramSocket(activationError);
    if (!activationError.empty()) {
        logLine(activationError);
    }
    tutti::app::ServerApp server(o, TUTTI_VERSION_STRING, logLine, inheritedSocket);

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
    // READY=1, STATUS=, WATCHDOG=1, STOPPING=1; nothing without NOTIFY_SOCKET.
    const int tickSamples = o.fastUpdate ? 64 : 128;
    tutti::app::SystemdNotifier systemd(
        [&] { return serviceState(server.api(), o.maxChannels); },
        [&] {
            return tutti::app::MixProgress{
                server.counters().mixLoops.load(std::memory_order_relaxed),
                server.counters().ticks.load(std::memory_order_relaxed)};
        },
        static_cast<int64_t>(tickSamples) * 1000000000 / 48000, logLine);
    systemd.start();
    const int rc = app.exec();
    systemd.stopping();
    server.stop();
    return rc;
}
