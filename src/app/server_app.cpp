#include "src/app/server_app.h"

#include <csignal>
#include <filesystem>

#include "src/app/options_welcome.h"
#include "src/directory/registration_status.h"
#include "src/directory/server_info_option.h"

namespace tutti::app {

namespace {

server::ServerConfig serverConfig(const ServerOptions& o, const std::string& version) {
    server::ServerConfig c;
    c.maxChannels = o.maxChannels;
    c.maxChannelsPerAddress = o.maxChannelsPerIp;
    c.welcomeMessage = o.welcomeMessage;
    c.licenceRequired = o.licenceRequired;
    c.disconnectOnQuit = o.disconnectOnQuit;
    c.version = version;
    return c;
}

net::SocketConfig socketConfig(const ServerOptions& o, int inheritedSocket) {
    net::SocketConfig c;
    c.inheritedFd = inheritedSocket;
    c.port = static_cast<uint16_t>(o.port);
    c.bindIpv4 = o.bindIpv4;
    c.ipv6 = !o.noIpv6;
    c.qos = o.qos;
    return c;
}

directory::DirectoryOptions directoryOptions(const ServerOptions& o, const std::string& version) {
    directory::DirectoryOptions d;
    d.directoryAddress = o.directoryAddress;
    d.serverInfo = o.serverInfo;
    d.directoryFile = o.directoryFile;
    d.listFilter = o.listFilter;
    d.serverPublicIp = o.serverPublicIp;
    d.maxClients = o.maxChannels;
    d.serverPort = static_cast<uint16_t>(o.port);
    d.version = version;
    d.defaultCountry = directory::defaultCountryFromEnvironment();
    return d;
}

// Re-reads a -w that names a file (SIGHUP); nothing when -w is text or the file is gone.
std::function<std::optional<std::string>()> welcomeFileReader(const std::string& arg) {
    std::error_code ec;
    if (arg.empty() || !std::filesystem::is_regular_file(arg, ec)) {
        return {};
    }
    return [arg]() -> std::optional<std::string> {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(arg, ec)) {
            return std::nullopt;
        }
        return resolveWelcomeMessage(arg);
    };
}

}  // namespace

ServerApp::ServerApp(const ServerOptions& options, const std::string& version, LogFn log,
                     int inheritedSocket)
    : options_(options),
      log_(log),
      runtime_(serverConfig(options, version), socketConfig(options, inheritedSocket), log),
      directory_(
          directoryOptions(options, version),
          [this](const net::PeerAddress& to, std::span<const uint8_t> data) {
              runtime_.sendDatagram(to, data);
          },
          log),
      clientsPort_(runtime_),
      recorderPort_(runtime_),
      directoryPort_(directory_),
      enginePort_(runtime_),
      commands_(control::CommandPorts{clientsPort_, recorderPort_, directoryPort_, enginePort_},
                options.directoryAddress.empty() ? control::DirectoryType::None
                                                 : control::DirectoryType::Custom,
                options.directoryAddress),
      serverEvents_(commands_.events()) {
    engine::MixConfig engine;
    engine.tickSamples = options.fastUpdate ? 64 : 128;
    engine.delayPan = options.delayPan;
    // The worker pool is always used (cores - 1 helpers); -T is accepted for compatibility.
    engine.workerThreads = -1;
    runtime_.setEngine(engine);
    recorder::RecordingConfig recording;
    recording.directory = options.recordingDir;
    recording.enabled = !options.noRecord;
    recording.recordMix = options.recordMix;
    runtime_.setRecording(recording);

    runtime_.setEventListener(&serverEvents_);
    runtime_.setConnectionlessHandler(&directory_);
    runtime_.setRecorderReady([this](recorder::RecorderControl& r) {
        r.setChangeListener([this, &r] {
            commands_.events().recordingStateChanged(RecorderAdapter::convert(r.status()));
        });
    });
    // Administration (issue 12): bans and the allowlist before any reply, the idle time-out.
    runtime_.core().setAccessCheck([this](const net::PeerAddress& from, bool directoryTraffic) {
        return commands_.admits(from.ipText(), directoryTraffic);
    });
    serverEvents_.setIdleListener([this](int slot) { commands_.clientIdleDisconnected(slot); });
    commands_.setIdleTimeoutSink(
        [this](int seconds) { runtime_.core().setIdleTimeout(std::chrono::seconds(seconds)); });
    commands_.setWelcomeFileReader(welcomeFileReader(options.welcomeMessageArg));
    directory_.setStatusListener([this](directory::RegistrationStatus s) {
        commands_.events().registrationStatusChanged(std::string(directory::statusKey(s)));
    });

    // Live mix out: the mix thread feeds its sink from the start; the device follows in start().
    if (!options.mixOut.empty()) {
        std::string error;
        if (std::optional<mixout::MixOutConfig> c =
                mixout::parseMixOutSpec(options.mixOut, error)) {
            c->perChannel = options.mixOutChannels;
            c->maxChannels = options.maxChannels;
            c->inputName = options.mixOutInput;
            mixOut_ = std::make_unique<MixOutHost>(*c, engine.tickSamples, log, commands_);
            runtime_.setMixOutSink(mixOut_->sink());
            runtime_.setExternalInput(mixOut_->externalInput());
            commands_.setMixOutPort(mixOut_.get());
        }
    }

    // Front ends on the command layer. Both files report problems on stderr once and the
    // server keeps serving without them.
    if (!options.logFile.empty()) {
        logFile_ = std::make_unique<control::ConnectionLogFile>(options.logFile, log);
        commands_.subscribe(logFile_.get());
    }
    if (!options.htmlStatusFile.empty()) {
        statusFile_ =
            std::make_unique<control::HtmlStatusFile>(options.htmlStatusFile, commands_, log);
        commands_.subscribe(statusFile_.get());
    }
}

ServerApp::~ServerApp() {
    stop();
    if (logFile_) {
        commands_.unsubscribe(logFile_.get());
    }
    if (statusFile_) {
        commands_.unsubscribe(statusFile_.get());
    }
}

std::string ServerApp::openDatabase() {
    std::string error;
    admin_ = admin::Administration::open(options_.databaseFile, error);
    if (!admin_) {
        return error;
    }
    commands_.attachAdministration(admin_.get());
    for (const std::string& problem : admin_->loadRules()) {
        log_("database: " + problem + " (ignored)");
    }
    return {};
}

void ServerApp::recordCommandLineSettings() {
    // What the command line says explicitly wins at start and is written down; whatever it
    // leaves out comes from the database (applied in start()).
    using namespace admin::setting;
    const control::ServerProfile profile = commands_.serverProfile();
    if (!options_.serverInfo.empty()) {
        admin_->rememberSetting(kServerName, profile.name);
        admin_->rememberSetting(kServerCity, profile.city);
        admin_->rememberSetting(kServerCountry, std::to_string(profile.countryId));
    }
    if (!options_.welcomeMessageArg.empty() && !welcomeFileReader(options_.welcomeMessageArg)) {
        admin_->rememberSetting(kWelcomeMessage, options_.welcomeMessage);
    }
    if (!options_.directoryAddress.empty()) {
        admin_->rememberSetting(kDirectoryType, control::directoryTypeKey(profile.directoryType));
        admin_->rememberSetting(kDirectoryAddress, profile.directoryAddress);
    }
    if (!options_.recordingDir.empty()) {
        admin_->rememberSetting(kRecordingDirectory, options_.recordingDir);
    }
    if (options_.idleTimeoutSeconds) {
        admin_->rememberSetting(kIdleTimeout, std::to_string(*options_.idleTimeoutSeconds));
    }
}

std::string ServerApp::start() {
    if (!admin_) {
        if (std::string err = openDatabase(); !err.empty()) {
            return err;
        }
    }
    directory_.prepare();
    recordCommandLineSettings();  // after prepare(): -o is parsed there
    if (std::string err = runtime_.start(); !err.empty()) {
        return err;
    }
    running_ = true;
    directory_.start();
    if (mixOut_) {
        mixOut_->start();
    }
    if (logFile_) {
        logFile_->open();
    }
    if (statusFile_) {
        statusFile_->update();
    }
    commands_.applySettings("startup");
    return {};
}

void ServerApp::stop() {
    if (!running_) {
        return;
    }
    running_ = false;
    runtime_.stop();
    if (mixOut_) {
        mixOut_->stop();  // the mix thread has stopped writing into it
    }
    if (logFile_) {
        logFile_->serverStopping();
    }
    if (statusFile_) {
        statusFile_->serverStopping();
    }
}

void ServerApp::onRecordingSignal(int signal) {
    if (signal == SIGUSR1) {
        commands_.restartRecording();
    } else if (signal == SIGUSR2) {
        commands_.toggleRecording();
    }
}

}  // namespace tutti::app
