// The adapters that let the command layer (src/control) see the server's parts through its
// ports, and that turn ServerCore's, the recorder's and the directory's news into the command
// layer's events. Each one is a thin translation; the rules live in CommandLayer.
#pragma once

#include <functional>

#include "src/app/directory_host.h"
#include "src/app/server_runtime.h"
#include "src/control/command_ports.h"
#include "src/control/operator_api.h"
#include "src/server/server_events.h"

namespace tutti::app {

class ClientsAdapter : public control::ClientsPort {
  public:
    explicit ClientsAdapter(ServerRuntime& runtime) : runtime_(runtime) {}
    std::vector<control::ClientInfo> clients() const override;
    void broadcastChat(const std::string& text) override;
    bool sendChat(int id, const std::string& text) override;
    bool kick(int id, const std::string& reason) override;
    std::string welcomeMessage() const override;
    void setWelcomeMessage(const std::string& text) override;

  private:
    ServerRuntime& runtime_;
};

class RecorderAdapter : public control::RecorderPort {
  public:
    explicit RecorderAdapter(ServerRuntime& runtime) : runtime_(runtime) {}
    control::RecorderStatus status() const override;
    void setEnabled(bool on) override;
    void toggleEnabled() override;
    void newSession() override;
    void setDirectory(const std::string& directory) override;

    static control::RecorderStatus convert(const recorder::RecorderStatusInfo& s);

  private:
    ServerRuntime& runtime_;
};

class DirectoryAdapter : public control::DirectoryPort {
  public:
    explicit DirectoryAdapter(DirectoryHost& host) : host_(host) {}
    std::string serverName() const override { return host_.identity().name; }
    std::string serverCity() const override { return host_.identity().city; }
    int serverCountryId() const override { return host_.identity().country; }
    void setServerName(const std::string& name) override { host_.setServerName(name); }
    void setDirectoryAddress(const std::string& address) override {
        host_.setDirectoryAddress(address);
    }
    std::string registrationStatusKey() const override;
    void setServerLocation(const std::string& city, int countryId) override {
        host_.setServerLocation(city, static_cast<uint16_t>(countryId));
    }
    std::string directoryFile() const override { return host_.directoryFile(); }
    std::string setDirectoryFile(const std::string& path) override {
        return host_.setDirectoryFile(path);
    }

  private:
    DirectoryHost& host_;
};

class EngineAdapter : public control::EnginePort {
  public:
    explicit EngineAdapter(ServerRuntime& runtime) : runtime_(runtime) {}
    control::EngineStatistics statistics() const override;
    std::vector<control::ChannelLevel> levels() const override;
    bool delayPanning() const override { return runtime_.delayPanning(); }
    void setDelayPanning(bool on) override { runtime_.setDelayPanning(on); }

  private:
    ServerRuntime& runtime_;
};

// ServerCore's news as command-layer events.
class ServerEventsAdapter : public server::ServerEventListener {
  public:
    explicit ServerEventsAdapter(control::OperatorEvents& events) : events_(events) {}
    void clientConnected(int slot, const net::PeerAddress& address, int total) override {
        events_.clientConnected(slot, address.ipText(), total);
    }
    void clientDisconnected(int slot) override { events_.clientDisconnected(slot); }
    void clientProfileChanged(int slot) override { events_.clientProfileChanged(slot); }
    void chatRelayed(int slot, const std::string& html) override {
        events_.chatMessage(slot, html);
    }
    // The idle time-out's news goes to the server log (issue 12).
    void setIdleListener(std::function<void(int)> fn) { onIdle_ = std::move(fn); }
    void clientIdle(int slot) override {
        if (onIdle_) {
            onIdle_(slot);
        }
    }

  private:
    control::OperatorEvents& events_;
    std::function<void(int)> onIdle_;
};

}  // namespace tutti::app
