// The window's OperatorApi: every call is carried to the control thread (a blocking queued call,
// so the window waits for the control thread, never the other way round) and every event comes
// back to the GUI thread queued. A window that hangs therefore only delays its own calls; the
// server, JSON-RPC and the real-time threads keep going.
#pragma once

#include <QObject>
#include <QPointer>
#include <memory>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::gui {

class ApiProxy : public control::OperatorApi {
  public:
    // `real` is used only on `control`'s thread; events are delivered on `gui`'s thread.
    ApiProxy(control::OperatorApi& real, QObject* control, QObject* gui);
    ~ApiProxy() override;

    // Stops relaying events and refuses further calls (they return defaults). Call before the
    // control thread stops.
    void detach();

    std::vector<control::ClientInfo> clients() const override;
    control::ServerProfile serverProfile() const override;
    void setServerName(const std::string& name) override;
    void setWelcomeMessage(const std::string& text) override;
    control::CommandError setDirectory(control::DirectoryType type,
                                       const std::string& address) override;
    control::RecorderStatus recorderStatus() const override;
    void startRecording() override;
    void stopRecording() override;
    void toggleRecording() override;
    void restartRecording() override;
    void setRecordingDirectory(const std::string& directory) override;
    control::CommandError broadcastChat(const std::string& text) override;
    control::CommandError privateChat(int id, const std::string& text) override;
    control::CommandError kick(int id, const std::string& reason,
                               const std::string& actor) override;
    control::EngineStatistics engineStatistics() const override;
    std::vector<control::ChannelLevel> levels() const override;
    void setServerLocation(const std::string& city, int countryId) override;
    bool delayPanning() const override;
    void setDelayPanning(bool on) override;
    std::string directoryFile() const override;
    control::CommandResult setDirectoryFile(const std::string& path) override;
    control::CommandResult banClient(int id, int64_t durationSeconds, const std::string& reason,
                                     const std::string& actor) override;
    control::MixOutStatus mixOutStatus() const override;

    // Listeners live on the GUI thread and are called there.
    void subscribe(control::OperatorEvents* listener) override;
    void unsubscribe(control::OperatorEvents* listener) override;

  private:
    class Relay;

    // Runs fn(real) on the control thread and returns its result (directly when already there).
    template <typename Fn>
    auto call(Fn&& fn) const -> decltype(fn(std::declval<control::OperatorApi&>()));

    control::OperatorApi& real_;
    QPointer<QObject> control_;
    QPointer<QObject> gui_;
    bool attached_ = true;
    std::unique_ptr<Relay> relay_;
    std::vector<control::OperatorEvents*> listeners_;
};

}  // namespace tutti::gui
