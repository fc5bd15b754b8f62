#include "src/gui/api_proxy.h"

#include <QThread>
#include <algorithm>

namespace tutti::gui {

using control::OperatorEvents;

// Subscribed to the real command layer on the control thread; posts each event to the GUI thread
// and hands it to the proxy's listeners there. Copies what it posts: nothing is shared.
class ApiProxy::Relay : public OperatorEvents {
  public:
    explicit Relay(ApiProxy& proxy) : proxy_(proxy) {}

    void clientConnected(int id, const std::string& ip, int total) override {
        post([id, ip, total](OperatorEvents& l) { l.clientConnected(id, ip, total); });
    }
    void clientDisconnected(int id) override {
        post([id](OperatorEvents& l) { l.clientDisconnected(id); });
    }
    void clientProfileChanged(int id) override {
        post([id](OperatorEvents& l) { l.clientProfileChanged(id); });
    }
    void chatMessage(int id, const std::string& html) override {
        post([id, html](OperatorEvents& l) { l.chatMessage(id, html); });
    }
    void registrationStatusChanged(const std::string& key) override {
        post([key](OperatorEvents& l) { l.registrationStatusChanged(key); });
    }
    void recordingStateChanged(const control::RecorderStatus& status) override {
        post([status](OperatorEvents& l) { l.recordingStateChanged(status); });
    }
    void adminChanged() override {
        post([](OperatorEvents& l) { l.adminChanged(); });
    }

  private:
    template <typename Fn>
    void post(Fn fn) {
        ApiProxy* proxy = &proxy_;
        QObject* gui = proxy->gui_;
        if (gui == nullptr) {
            return;
        }
        // `gui` outlives the proxy (main() owns both in that order), so the proxy is still there
        // when a queued event runs, unless it was detached: then nothing is delivered.
        QMetaObject::invokeMethod(
            gui,
            [proxy, fn] {
                if (!proxy->attached_) {
                    return;
                }
                const auto listeners = proxy->listeners_;
                for (OperatorEvents* l : listeners) {
                    if (std::find(proxy->listeners_.begin(), proxy->listeners_.end(), l) !=
                        proxy->listeners_.end()) {
                        fn(*l);
                    }
                }
            },
            Qt::QueuedConnection);
    }

    ApiProxy& proxy_;
};

ApiProxy::ApiProxy(control::OperatorApi& real, QObject* control, QObject* gui)
    : real_(real), control_(control), gui_(gui), relay_(std::make_unique<Relay>(*this)) {
    call([this](control::OperatorApi& api) {
        api.subscribe(relay_.get());
        return 0;
    });
}

ApiProxy::~ApiProxy() {
    detach();
}

void ApiProxy::detach() {
    if (!attached_) {
        return;
    }
    call([this](control::OperatorApi& api) {
        api.unsubscribe(relay_.get());
        return 0;
    });
    attached_ = false;
    listeners_.clear();
}

template <typename Fn>
auto ApiProxy::call(Fn&& fn) const -> decltype(fn(std::declval<control::OperatorApi&>())) {
    using R = decltype(fn(std::declval<control::OperatorApi&>()));
    R result{};
    if (!attached_ || control_ == nullptr) {
        return result;
    }
    if (QThread::currentThread() == control_->thread()) {
        return fn(real_);
    }
    QMetaObject::invokeMethod(
        control_.data(), [&] { result = fn(real_); }, Qt::BlockingQueuedConnection);
    return result;
}

std::vector<control::ClientInfo> ApiProxy::clients() const {
    return call([](control::OperatorApi& a) { return a.clients(); });
}

control::ServerProfile ApiProxy::serverProfile() const {
    return call([](control::OperatorApi& a) { return a.serverProfile(); });
}

void ApiProxy::setServerName(const std::string& name) {
    call([&](control::OperatorApi& a) { return a.setServerName(name), 0; });
}

void ApiProxy::setWelcomeMessage(const std::string& text) {
    call([&](control::OperatorApi& a) { return a.setWelcomeMessage(text), 0; });
}

control::CommandError ApiProxy::setDirectory(control::DirectoryType type,
                                             const std::string& address) {
    return call([&](control::OperatorApi& a) { return a.setDirectory(type, address); });
}

control::RecorderStatus ApiProxy::recorderStatus() const {
    return call([](control::OperatorApi& a) { return a.recorderStatus(); });
}

void ApiProxy::startRecording() {
    call([](control::OperatorApi& a) { return a.startRecording(), 0; });
}

void ApiProxy::stopRecording() {
    call([](control::OperatorApi& a) { return a.stopRecording(), 0; });
}

void ApiProxy::toggleRecording() {
    call([](control::OperatorApi& a) { return a.toggleRecording(), 0; });
}

void ApiProxy::restartRecording() {
    call([](control::OperatorApi& a) { return a.restartRecording(), 0; });
}

void ApiProxy::setRecordingDirectory(const std::string& directory) {
    call([&](control::OperatorApi& a) { return a.setRecordingDirectory(directory), 0; });
}

control::CommandError ApiProxy::broadcastChat(const std::string& text) {
    return call([&](control::OperatorApi& a) { return a.broadcastChat(text); });
}

control::CommandError ApiProxy::privateChat(int id, const std::string& text) {
    return call([&](control::OperatorApi& a) { return a.privateChat(id, text); });
}

control::CommandError ApiProxy::kick(int id, const std::string& reason, const std::string& actor) {
    return call([&](control::OperatorApi& a) { return a.kick(id, reason, actor); });
}

control::EngineStatistics ApiProxy::engineStatistics() const {
    return call([](control::OperatorApi& a) { return a.engineStatistics(); });
}

std::vector<control::ChannelLevel> ApiProxy::levels() const {
    return call([](control::OperatorApi& a) { return a.levels(); });
}

void ApiProxy::setServerLocation(const std::string& city, int countryId) {
    call([&](control::OperatorApi& a) { return a.setServerLocation(city, countryId), 0; });
}

bool ApiProxy::delayPanning() const {
    return call([](control::OperatorApi& a) { return a.delayPanning(); });
}

void ApiProxy::setDelayPanning(bool on) {
    call([&](control::OperatorApi& a) { return a.setDelayPanning(on), 0; });
}

std::string ApiProxy::directoryFile() const {
    return call([](control::OperatorApi& a) { return a.directoryFile(); });
}

control::CommandResult ApiProxy::setDirectoryFile(const std::string& path) {
    return call([&](control::OperatorApi& a) { return a.setDirectoryFile(path); });
}

control::CommandResult ApiProxy::banClient(int id, int64_t durationSeconds,
                                           const std::string& reason, const std::string& actor) {
    return call(
        [&](control::OperatorApi& a) { return a.banClient(id, durationSeconds, reason, actor); });
}

control::MixOutStatus ApiProxy::mixOutStatus() const {
    return call([](control::OperatorApi& a) { return a.mixOutStatus(); });
}

void ApiProxy::subscribe(OperatorEvents* listener) {
    if (std::find(listeners_.begin(), listeners_.end(), listener) == listeners_.end()) {
        listeners_.push_back(listener);
    }
}

void ApiProxy::unsubscribe(OperatorEvents* listener) {
    listeners_.erase(std::remove(listeners_.begin(), listeners_.end(), listener), listeners_.end());
}

}  // namespace tutti::gui
