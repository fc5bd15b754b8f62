// tutti-server: a Jamulus-compatible jam server. Parses the Jamulus command line, starts the
// real-time threads and runs the control thread's event loop until SIGINT/SIGTERM.
#include <QCoreApplication>
#include <chrono>
#include <clocale>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "src/app/options.h"
#include "src/app/signal_watcher.h"
#include "src/app/systemd_journal.h"   // systemd
#include "src/app/systemd_notifier.h"  // systemd
#include "src/app/version_banner.h"
#include "src/directory/directory_driver.h"
#include "src/directory/directory_setup.h"
#include "src/directory/registration_status.h"
#include "src/server/server_runtime.h"

namespace {

void logLine(const std::string& line) {
    std::cerr << line << std::endl;
}

// Prints the directory start-up lines and, with -e, wires the directory code into the server's
// control thread; it starts talking once the socket is open.
std::unique_ptr<tutti::directory::DirectoryDriver> startDirectory(
    const tutti::app::ServerOptions& o, tutti::server::ServerRuntime& server) {
    tutti::directory::DirectoryOptions d;
    d.directoryAddress = o.directoryAddress;
    d.serverInfo = o.serverInfo;
    d.directoryFile = o.directoryFile;
    d.listFilter = o.listFilter;
    d.serverPublicIp = o.serverPublicIp;
    d.maxClients = o.maxChannels;
    d.serverPort = static_cast<uint16_t>(o.port);
    d.version = TUTTI_VERSION_STRING;
    d.defaultCountry = tutti::directory::defaultCountryFromEnvironment();
    tutti::directory::DirectorySetup setup =
        tutti::directory::setUpDirectory(d, tutti::directory::detectLocalIpv4);
    for (const std::string& line : setup.lines) {
        logLine(line);
    }
    if (!setup.config) {
        return nullptr;
    }
    auto driver = std::make_unique<tutti::directory::DirectoryDriver>(
        std::move(*setup.config),
        [&server](const tutti::net::PeerAddress& to, std::span<const uint8_t> data) {
            server.sendDatagram(to, data);
        },
        logLine);
    server.setConnectionlessHandler(&driver->service());
    return driver;
}

// systemd: what STATUS= shows. Reads today's objects; re-point at the command layer
// (OperatorApi::clients(), serverProfile().registrationStatus, recorderStatus()) when it lands.
tutti::app::ServiceState serviceState(const tutti::server::ServerRuntime& server,
                                      tutti::directory::DirectoryDriver* directory,
                                      int maxClients) {
    tutti::app::ServiceState s;
    s.clients = server.connectedCount();
    s.maxClients = maxClients;
    s.recorderState = server.recorderState();
    if (directory) {
        s.directoryServer = directory->service().isDirectory();
        s.registration =
            std::string(tutti::directory::statusText(directory->service().registrationStatus()));
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    tutti::app::installJournalPrefixesIfJournal();  // systemd
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
    std::string activationError;  // systemd: socket activation (jamulus-headless.socket)
    socketConfig.inheritedFd = tutti::app::systemdDatagramSocket(activationError);
    if (!activationError.empty()) {
        logLine(activationError);
    }

    tutti::server::ServerRuntime server(config, socketConfig, logLine);
    tutti::engine::MixConfig engine;
    engine.tickSamples = o.fastUpdate ? 64 : 128;
    engine.delayPan = o.delayPan;
    // The worker pool is always used (cores - 1 helpers); -T is accepted for compatibility.
    engine.workerThreads = -1;
    server.setEngine(engine);
    std::unique_ptr<tutti::directory::DirectoryDriver> directory = startDirectory(o, server);
    tutti::recorder::RecordingConfig recording;
    recording.directory = o.recordingDir;
    recording.enabled = !o.noRecord;
    recording.recordMix = o.recordMix;
    server.setRecording(recording);
    if (const std::string err = server.start(); !err.empty()) {
        std::cerr << args[0] << ": Network Error: Cannot bind the socket (maybe the software is "
                  << "already running). (" << err << ")" << std::endl;
        return 1;
    }
    if (directory) {
        directory->service().start(std::chrono::steady_clock::now());
    }
    for (const std::string& line : tutti::app::versionBannerLines(TUTTI_VERSION_STRING)) {
        std::cerr << line << "\n";
    }
    std::cerr << std::endl;

    tutti::app::SignalWatcher signalWatcher([&](int signal) {
        logLine("OnHandledSignal: " + std::to_string(signal));
        if (signal == SIGUSR1) {
            server.newRecording();
        } else if (signal == SIGUSR2) {
            server.toggleRecording();
        } else {
            app.quit();
        }
    });
    // systemd: READY=1, STATUS=, WATCHDOG=1, STOPPING=1 (nothing without NOTIFY_SOCKET).
    tutti::app::SystemdNotifier systemd(
        [&] { return serviceState(server, directory.get(), o.maxChannels); },
        [&] {
            return tutti::app::MixProgress{
                server.counters().mixLoops.load(std::memory_order_relaxed),
                server.counters().ticks.load(std::memory_order_relaxed)};
        },
        static_cast<int64_t>(engine.tickSamples) * 1000000000 / 48000, logLine);
    systemd.start();
    const int rc = app.exec();
    systemd.stopping();  // systemd
    server.stop();
    return rc;
}
