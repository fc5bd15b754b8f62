// The narrow views the command layer has of the server's parts. The real parts satisfy them
// through small adapters in src/app; unit tests put fakes behind them. Everything here runs on
// the control thread.
#pragma once

#include <string>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::control {

// The server core: connected clients, chat, kicking, the welcome message.
class ClientsPort {
  public:
    virtual ~ClientsPort() = default;
    // Connected clients in ascending id, with profile, transport and level details.
    virtual std::vector<ClientInfo> clients() const = 0;
    virtual void broadcastChat(const std::string& text) = 0;
    // False when no client is connected on `id`.
    virtual bool sendChat(int id, const std::string& text) = 0;
    virtual bool kick(int id, const std::string& reason) = 0;
    virtual std::string welcomeMessage() const = 0;
    virtual void setWelcomeMessage(const std::string& text) = 0;
};

// The jam recorder.
class RecorderPort {
  public:
    virtual ~RecorderPort() = default;
    virtual RecorderStatus status() const = 0;
    virtual void setEnabled(bool on) = 0;
    virtual void toggleEnabled() = 0;  // SIGUSR2 semantics
    virtual void newSession() = 0;     // SIGUSR1 semantics
    virtual void setDirectory(const std::string& directory) = 0;
};

// Registering with a directory, or being one, and the identity announced there.
class DirectoryPort {
  public:
    virtual ~DirectoryPort() = default;
    virtual std::string serverName() const = 0;
    virtual std::string serverCity() const = 0;
    virtual int serverCountryId() const = 0;
    virtual void setServerName(const std::string& name) = 0;
    // The effective address: "" = no directory, "localhost" / "127.0.0.1" = be one, otherwise
    // host[:port] to register with. Unregisters from the previous one first.
    virtual void setDirectoryAddress(const std::string& address) = 0;
    // JSONRPC.md 6.2 key of the current status.
    virtual std::string registrationStatusKey() const = 0;

    // Desktop window (issue 11); the defaults keep ports that lack them building.
    virtual void setServerLocation(const std::string& /*city*/, int /*countryId*/) {}
    virtual std::string directoryFile() const { return {}; }
    // "" when taken, else why the file cannot be used.
    virtual std::string setDirectoryFile(const std::string& /*path*/) { return "not supported"; }
};

// The real-time engine's figures, read without locks.
class EnginePort {
  public:
    virtual ~EnginePort() = default;
    virtual EngineStatistics statistics() const = 0;
    virtual std::vector<ChannelLevel> levels() const = 0;

    // Delay panning at run time (issue 11); the defaults keep ports that lack it building.
    virtual bool delayPanning() const { return false; }
    virtual void setDelayPanning(bool /*on*/) {}
};

struct CommandPorts {
    ClientsPort& clients;
    RecorderPort& recorder;
    DirectoryPort& directory;
    EnginePort& engine;
};

}  // namespace tutti::control
