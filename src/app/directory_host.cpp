#include "src/app/directory_host.h"

#include "src/directory/local_address.h"
#include "src/directory/server_list_file.h"

namespace tutti::app {

DirectoryHost::DirectoryHost(directory::DirectoryOptions options,
                             directory::DirectoryService::SendFn send, LogFn log)
    : options_(std::move(options)), send_(std::move(send)), log_(std::move(log)) {}

void DirectoryHost::prepare() {
    build();
}

DirectoryHost::~DirectoryHost() = default;

void DirectoryHost::build() {
    directory::DirectorySetup setup =
        directory::setUpDirectory(options_, directory::detectLocalIpv4);
    for (const std::string& line : setup.lines) {
        log_(line);
    }
    if (!identityKnown_) {
        identity_ = setup.identity;  // the first time: -o; later the name may have changed
        identityKnown_ = true;
    }
    if (!setup.config) {
        return;
    }
    setup.config->identity = identity_;
    driver_ = std::make_unique<directory::DirectoryDriver>(std::move(*setup.config), send_, log_);
}

void DirectoryHost::start() {
    started_ = true;
    if (driver_) {
        driver_->service().start(Clock::now());
    }
    checkStatus();
}

directory::RegistrationStatus DirectoryHost::status() const {
    return driver_ ? driver_->service().registrationStatus()
                   : directory::RegistrationStatus::NotRegistered;
}

void DirectoryHost::checkStatus() {
    const directory::RegistrationStatus now = status();
    if (now != lastStatus_) {
        lastStatus_ = now;
        if (onStatus_) {
            onStatus_(now);
        }
    }
}

void DirectoryHost::setServerName(const std::string& name) {
    identity_.name = name;
    if (driver_) {
        driver_->service().setServerName(name, Clock::now());
    }
    checkStatus();
}

void DirectoryHost::setServerLocation(const std::string& city, uint16_t country) {
    identity_.city = city;
    identity_.country = country;
    if (driver_) {
        driver_->service().setServerLocation(city, country, Clock::now());
    }
    checkStatus();
}

std::string DirectoryHost::setDirectoryFile(const std::string& path) {
    if (path == options_.directoryFile) {
        return {};
    }
    if (!path.empty()) {
        if (std::string problem = directory::prepareServerListFile(path); !problem.empty()) {
            return problem;
        }
    }
    options_.directoryFile = path;
    // Only a directory reads the file: it saves its list to the old one and starts on the new.
    if (driver_ && driver_->service().isDirectory()) {
        setDirectoryAddress(options_.directoryAddress);
    }
    return {};
}

void DirectoryHost::setDirectoryAddress(const std::string& address) {
    if (driver_) {
        const bool wasDirectory = driver_->service().isDirectory();
        driver_->service().onShutdown();
        if (wasDirectory) {
            log_("No longer a directory");
        }
        driver_.reset();
    }
    options_.directoryAddress = address;
    build();
    if (started_ && driver_) {
        driver_->service().start(Clock::now());
    }
    checkStatus();
}

void DirectoryHost::onConnectionless(uint16_t id, std::span<const uint8_t> payload,
                                     const net::PeerAddress& from, Clock::time_point now) {
    if (driver_) {
        driver_->service().onConnectionless(id, payload, from, now);
        checkStatus();
    }
}

void DirectoryHost::onPingAnswered(const net::PeerAddress& from, Clock::time_point now) {
    if (driver_) {
        driver_->service().onPingAnswered(from, now);
    }
}

void DirectoryHost::onTimer(Clock::time_point now) {
    if (driver_) {
        driver_->service().onTimer(now);
        checkStatus();
    }
}

void DirectoryHost::onShutdown() {
    if (driver_) {
        driver_->service().onShutdown();
        checkStatus();
    }
}

}  // namespace tutti::app
