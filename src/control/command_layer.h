// The one implementation of OperatorApi: validation and the operator-facing rules (text limits,
// directory types, recording commands) over the server's parts, seen through the ports of
// command_ports.h. Qt-free; lives on the control thread.
#pragma once

#include <string>
#include <vector>

#include "src/control/command_ports.h"
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
};

}  // namespace tutti::control
