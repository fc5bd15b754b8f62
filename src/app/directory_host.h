// The directory role of the running server, changeable at run time: owns the current
// DirectoryDriver (none, registering, or being a directory), stands between ServerCore and the
// directory code as its connectionless handler, and reports registration status changes.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "src/directory/directory_driver.h"
#include "src/directory/directory_setup.h"
#include "src/server/connectionless_handler.h"

namespace tutti::app {

class DirectoryHost : public server::ConnectionlessHandler {
  public:
    using LogFn = std::function<void(const std::string&)>;
    using StatusFn = std::function<void(directory::RegistrationStatus)>;

    DirectoryHost(directory::DirectoryOptions options, directory::DirectoryService::SendFn send,
                  LogFn log);
    ~DirectoryHost() override;

    // Prints the start-up lines of the options (CLI.md 4) and prepares the role of -e.
    void prepare();

    // Once the server's socket is open: the first registration, or "Now a directory".
    void start();
    void setStatusListener(StatusFn fn) { onStatus_ = std::move(fn); }

    const directory::ServerIdentity& identity() const { return identity_; }
    void setServerName(const std::string& name);
    // City and country as the directory shows them; re-sent at once when registered.
    void setServerLocation(const std::string& city, uint16_t country);
    // The directory role's persistence file (--directoryfile); "" = none. Checked first (the
    // problem is returned, nothing changes); a running directory restarts on the new file.
    const std::string& directoryFile() const { return options_.directoryFile; }
    std::string setDirectoryFile(const std::string& path);
    // Unregisters from (or stops being) the current directory and takes the new role: "" none,
    // "localhost"/"127.0.0.1" be a directory, otherwise register there.
    void setDirectoryAddress(const std::string& address);
    directory::RegistrationStatus status() const;
    const std::string& directoryAddress() const { return options_.directoryAddress; }

    void onConnectionless(uint16_t id, std::span<const uint8_t> payload,
                          const net::PeerAddress& from, Clock::time_point now) override;
    void onPingAnswered(const net::PeerAddress& from, Clock::time_point now) override;
    void onTimer(Clock::time_point now) override;
    void onShutdown() override;

  private:
    void build();
    bool identityKnown_ = false;
    void checkStatus();

    directory::DirectoryOptions options_;
    directory::DirectoryService::SendFn send_;
    LogFn log_;
    StatusFn onStatus_;
    directory::ServerIdentity identity_;
    std::unique_ptr<directory::DirectoryDriver> driver_;
    directory::RegistrationStatus lastStatus_ = directory::RegistrationStatus::NotRegistered;
    bool started_ = false;
};

}  // namespace tutti::app
