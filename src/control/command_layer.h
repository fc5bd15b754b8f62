// The one implementation of OperatorApi: validation and the operator-facing rules (text limits,
// directory types, recording commands) over the server's parts, seen through the ports of
// command_ports.h. Qt-free; lives on the control thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/admin/administration.h"
#include "src/control/command_ports.h"
#include "src/control/mixout_port.h"
#include "src/control/operator_api.h"

namespace tutti::control {

inline constexpr std::size_t kServerNameUnits = 20;  // what -o and directories allow
inline constexpr std::size_t kChatUnits = 1600;      // welcome and chat texts (clients drop more)

// Hands one event to every subscriber. Subscribers may (un)subscribe while an event is being
// delivered: a listener removed meanwhile is not called again, one added starts with the next
// event.
class EventFanOut : public OperatorEvents {
  public:
    void add(OperatorEvents* listener);
    void remove(OperatorEvents* listener);

    void clientConnected(int id, const std::string& ip, int total) override;
    void clientDisconnected(int id) override;
    void clientProfileChanged(int id) override;
    void chatMessage(int id, const std::string& html) override;
    void registrationStatusChanged(const std::string& statusKey) override;
    void recordingStateChanged(const RecorderStatus& status) override;
    void adminChanged() override;

  private:
    template <typename Fn>
    void each(Fn&& fn);

    std::vector<OperatorEvents*> listeners_;
};

class CommandLayer : public OperatorApi {
  public:
    // The directory role the server started with (-e: Custom with that address, else None).
    CommandLayer(CommandPorts ports, DirectoryType initialType, std::string initialAddress);

    // Where the adapters report what happened in the server; fans out to subscribers.
    OperatorEvents& events() { return fanOut_; }

    std::vector<ClientInfo> clients() const override;
    ServerProfile serverProfile() const override;
    void setServerName(const std::string& name) override;
    void setWelcomeMessage(const std::string& text) override;
    CommandError setDirectory(DirectoryType type, const std::string& address) override;

    RecorderStatus recorderStatus() const override;
    void startRecording() override;
    void stopRecording() override;
    void toggleRecording() override;
    void restartRecording() override;
    void setRecordingDirectory(const std::string& directory) override;

    CommandError broadcastChat(const std::string& text) override;
    CommandError privateChat(int id, const std::string& text) override;
    CommandError kick(int id, const std::string& reason, const std::string& actor) override;

    EngineStatistics engineStatistics() const override;
    std::vector<ChannelLevel> levels() const override;

    // Administration (issue 12); bodies in command_layer_admin.cpp. Until attachAdministration()
    // is called the command layer keeps bans and the log in memory of its own.
    void attachAdministration(admin::Administration* admin);
    admin::Administration& administration() { return *admin_; }
    // The admission check ServerCore makes for an address without a channel; counts refusals.
    // Banned hosts are refused everything; the allowlist lets directory traffic through.
    bool admits(const std::string& ip, bool directoryTraffic);
    // A -w file to re-read on reload (its text, or nullopt when -w is no file).
    void setWelcomeFileReader(std::function<std::optional<std::string>()> reader) {
        welcomeFileReader_ = std::move(reader);
    }
    // Where a changed idle timeout goes (ServerCore).
    void setIdleTimeoutSink(std::function<void(int)> sink) { idleTimeoutSink_ = std::move(sink); }
    // Applies the database's settings (start-up and reload).
    void applySettings(const std::string& actor);
    void setIdleTimeout(int seconds);
    // ServerCore disconnected a silent client (it already told it why).
    void clientIdleDisconnected(int id);
    std::vector<AddressRule> bans() const override;
    CommandResult ban(const std::string& pattern, int64_t durationSeconds,
                      const std::string& reason, const std::string& actor) override;
    CommandResult banClient(int id, int64_t durationSeconds, const std::string& reason,
                            const std::string& actor) override;
    CommandResult unban(const std::string& pattern, const std::string& actor) override;
    std::vector<AddressRule> allowlist() const override;
    CommandResult allow(const std::string& pattern, const std::string& note,
                        const std::string& actor) override;
    CommandResult disallow(const std::string& pattern, const std::string& actor) override;
    CommandResult setAllowlistEnabled(bool on, const std::string& actor) override;
    AdminStatus adminStatus() const override;
    std::vector<ServerLogEntry> serverLog(std::size_t limit) const override;
    CommandResult reload(const std::string& actor) override;
    CommandResult backupDatabase(const std::string& destination, const std::string& actor) override;
    // Live mix out (issue 14; command_layer_mixout.cpp). The port is optional and not owned.
    void setMixOutPort(MixOutPort* port) { mixOut_ = port; }
    MixOutStatus mixOutStatus() const override;
    // Desktop window settings (command_layer_desktop.cpp).
    void setServerLocation(const std::string& city, int countryId) override;
    bool delayPanning() const override;
    void setDelayPanning(bool on) override;
    std::string directoryFile() const override;
    CommandResult setDirectoryFile(const std::string& path) override;

    void subscribe(OperatorEvents* listener) override { fanOut_.add(listener); }
    void unsubscribe(OperatorEvents* listener) override { fanOut_.remove(listener); }

  private:
    std::string effectiveDirectory() const;

    CommandPorts ports_;
    DirectoryType directoryType_;
    std::string directoryAddress_;
    EventFanOut fanOut_;

    // Administration (issue 12).
    // Kicks every connected client the rules now refuse; returns how many.
    int enforceRules(const std::string& actor);
    void rememberSetting(const char* key, const std::string& value);
    // Writes joins and leaves to the server log, with the name the client gave.
    class ServerLogWriter : public OperatorEvents {
      public:
        explicit ServerLogWriter(CommandLayer& owner) : owner_(owner) {}
        void clientConnected(int id, const std::string& ip, int total) override;
        void clientDisconnected(int id) override;
        void clientProfileChanged(int id) override;

      private:
        struct Seen {
            std::string ip;
            std::string name;
        };
        CommandLayer& owner_;
        std::map<int, Seen> seen_;
    };
    // Writes a kick to the server log and counts it; call while the client is still listed.
    void logKick(int id, const std::string& reason, const std::string& actor);
    static std::unique_ptr<admin::Administration> inMemoryAdministration();
    std::unique_ptr<admin::Administration> ownAdmin_ = inMemoryAdministration();
    admin::Administration* admin_ = ownAdmin_.get();
    ServerLogWriter logWriter_{*this};
    std::function<std::optional<std::string>()> welcomeFileReader_;
    std::function<void(int)> idleTimeoutSink_;
    MixOutPort* mixOut_ = nullptr;
};

}  // namespace tutti::control
