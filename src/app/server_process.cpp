#include "src/app/server_process.h"

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "src/app/version_banner.h"
#include "src/directory/directory_address.h"
#include "src/directory/registration_status.h"

namespace tutti::app {

namespace {

// The registration text as logged ("Registered", ...) for a JSON-RPC status key.
std::string registrationText(const std::string& key) {
    using directory::RegistrationStatus;
    for (int i = 0; i <= static_cast<int>(RegistrationStatus::RequirementsNotFulfilled); ++i) {
        const auto s = static_cast<RegistrationStatus>(i);
        if (directory::statusKey(s) == key) {
            return std::string(directory::statusText(s));
        }
    }
    return key;
}

// What systemd's STATUS= shows, read through the command layer like any other front end.
ServiceState serviceState(const control::OperatorApi& api, int maxClients) {
    ServiceState s;
    s.clients = static_cast<int>(api.clients().size());
    s.maxClients = maxClients;
    const control::RecorderStatus rec = api.recorderStatus();
    s.recorderState = !rec.initialised ? 1 : rec.enabled ? 3 : 2;
    const control::ServerProfile profile = api.serverProfile();
    if (profile.directoryType != control::DirectoryType::None) {
        s.directoryServer = directory::parseDirectoryAddress(profile.directory).kind ==
                            directory::DirectoryAddress::Kind::BeDirectory;
        s.registration = registrationText(profile.registrationStatus);
    }
    return s;
}

// Socket activation (jamulus-headless.socket): systemd may have bound the UDP socket for us.
int inheritedSocket(const ServerProcess::LogFn& log) {
    std::string error;
    const int fd = systemdDatagramSocket(error);
    if (!error.empty()) {
        log(error);
    }
    return fd;
}

}  // namespace

ServerProcess::ServerProcess(const ServerOptions& options, const std::string& version, LogFn log,
                             std::function<void()> quit)
    : options_(options),
      version_(version),
      log_(log),
      quit_(std::move(quit)),
      server_(options, version, log, inheritedSocket(log)) {}

ServerProcess::~ServerProcess() {
    stop();
}

int ServerProcess::start(const std::string& argv0) {
    if (options_.jsonRpcPort) {
        rpc_ = std::make_unique<rpc::JsonRpcServer>(
            server_.api(),
            rpc::JsonRpcConfig{static_cast<uint16_t>(*options_.jsonRpcPort), options_.jsonRpcBindIp,
                               options_.jsonRpcSecret},
            log_);
        if (const std::string err = rpc_->listen(); !err.empty()) {
            log_(err);
            return 1;
        }
    }

    if (const std::string err = server_.openDatabase(); !err.empty()) {
        std::cerr << argv0 << ": " << err << std::endl;
        return 1;
    }
    if (options_.webAdminPort) {
        web::WebAdminConfig config;
        config.maxClients = options_.maxChannels;
        config.version = version_;
        if (const std::string err =
                web::makeWebAdminConfig(*options_.webAdminPort, options_.webAdminAccess,
                                        std::getenv(web::kPasswordVariable), config);
            !err.empty()) {
            log_(err);
            return 1;
        }
        web_ = std::make_unique<web::WebAdminServer>(server_.api(), std::move(config), log_);
        if (const std::string err = web_->start(); !err.empty()) {
            log_(err);
            return 1;
        }
    }

    if (const std::string err = server_.start(); !err.empty()) {
        std::cerr << argv0 << ": Network Error: Cannot bind the socket (maybe the software is "
                  << "already running). (" << err << ")" << std::endl;
        return 1;
    }
    started_ = true;
    for (const std::string& line : versionBannerLines(version_)) {
        std::cerr << line << "\n";
    }
    std::cerr << std::endl;

    signals_ = std::make_unique<SignalWatcher>([this](int signal) { onSignal(signal); });
    // READY=1, STATUS=, WATCHDOG=1, STOPPING=1; nothing without NOTIFY_SOCKET.
    const int tickSamples = options_.fastUpdate ? 64 : 128;
    systemd_ = std::make_unique<SystemdNotifier>(
        [this] { return serviceState(server_.api(), options_.maxChannels); },
        [this] {
            return MixProgress{server_.counters().mixLoops.load(std::memory_order_relaxed),
                               server_.counters().ticks.load(std::memory_order_relaxed)};
        },
        static_cast<int64_t>(tickSamples) * 1000000000 / 48000, log_);
    systemd_->start();
    return 0;
}

void ServerProcess::stop() {
    if (!started_) {
        return;
    }
    started_ = false;
    systemd_->stopping();
    web_.reset();  // no page or scrape sees a half-stopped server
    server_.stop();
}

void ServerProcess::onSignal(int signal) {
    log_("OnHandledSignal: " + std::to_string(signal));
    if (signal == SIGUSR1 || signal == SIGUSR2) {
        server_.onRecordingSignal(signal);
    } else if (signal == SIGHUP) {
        // The unit's ExecReload=: re-read the database and a -w file, keep every client.
        const control::CommandResult r = api().reload("sighup");
        const auto last = api().serverLog(1);  // the reload's own entry says what it found
        log_(!r.ok()        ? "Reload failed: " + r.message
             : last.empty() ? std::string("Reloaded the configuration")
                            : "Reloaded the configuration: " + last.back().detail);
    } else {
        quit_();
    }
}

}  // namespace tutti::app
