#include "src/control/command_layer.h"

#include <algorithm>

#include "protocol/utf16_length.h"
#include "src/control/genre_directories.h"

namespace tutti::control {

void EventFanOut::add(OperatorEvents* listener) {
    if (listener != nullptr &&
        std::find(listeners_.begin(), listeners_.end(), listener) == listeners_.end()) {
        listeners_.push_back(listener);
    }
}

void EventFanOut::remove(OperatorEvents* listener) {
    std::erase(listeners_, listener);
}

template <typename Fn>
void EventFanOut::each(Fn&& fn) {
    // A snapshot, re-checked before each call: a subscriber may close a connection (and
    // unsubscribe another) from inside its handler.
    const std::vector<OperatorEvents*> snapshot = listeners_;
    for (OperatorEvents* l : snapshot) {
        if (std::find(listeners_.begin(), listeners_.end(), l) != listeners_.end()) {
            fn(*l);
        }
    }
}

void EventFanOut::clientConnected(int id, const std::string& ip, int total) {
    each([&](OperatorEvents& l) { l.clientConnected(id, ip, total); });
}
void EventFanOut::clientDisconnected(int id) {
    each([&](OperatorEvents& l) { l.clientDisconnected(id); });
}
void EventFanOut::clientProfileChanged(int id) {
    each([&](OperatorEvents& l) { l.clientProfileChanged(id); });
}
void EventFanOut::chatMessage(int id, const std::string& html) {
    each([&](OperatorEvents& l) { l.chatMessage(id, html); });
}
void EventFanOut::registrationStatusChanged(const std::string& statusKey) {
    each([&](OperatorEvents& l) { l.registrationStatusChanged(statusKey); });
}
void EventFanOut::recordingStateChanged(const RecorderStatus& status) {
    each([&](OperatorEvents& l) { l.recordingStateChanged(status); });
}

void EventFanOut::adminChanged() {
    each([](OperatorEvents& l) { l.adminChanged(); });
}

CommandLayer::CommandLayer(CommandPorts ports, DirectoryType initialType,
                           std::string initialAddress)
    : ports_(ports), directoryType_(initialType), directoryAddress_(std::move(initialAddress)) {}

std::vector<ClientInfo> CommandLayer::clients() const {
    return ports_.clients.clients();
}

std::string CommandLayer::effectiveDirectory() const {
    if (directoryType_ == DirectoryType::Custom) {
        return directoryAddress_;
    }
    return builtInDirectoryAddress(directoryType_);
}

ServerProfile CommandLayer::serverProfile() const {
    ServerProfile p;
    p.name = ports_.directory.serverName();
    p.city = ports_.directory.serverCity();
    p.countryId = ports_.directory.serverCountryId();
    p.welcomeMessage = ports_.clients.welcomeMessage();
    p.directoryType = directoryType_;
    p.directoryAddress = directoryAddress_;
    p.directory = effectiveDirectory();
    p.registrationStatus = ports_.directory.registrationStatusKey();
    return p;
}

void CommandLayer::setServerName(const std::string& name) {
    // Jamulus stores any length, but a directory silently ignores names over 20 characters and
    // the server would wait for an answer for ever; -o cuts, so we cut too.
    ports_.directory.setServerName(protocol::cutToUtf16Length(name, kServerNameUnits));
    rememberSetting(admin::setting::kServerName, ports_.directory.serverName());
}

void CommandLayer::setWelcomeMessage(const std::string& text) {
    ports_.clients.setWelcomeMessage(protocol::cutToUtf16Length(text, kChatUnits));
    rememberSetting(admin::setting::kWelcomeMessage, ports_.clients.welcomeMessage());
}

CommandError CommandLayer::setDirectory(DirectoryType type, const std::string& address) {
    if (type == DirectoryType::Custom && address.empty()) {
        return CommandError::InvalidAddress;
    }
    // As newest Jamulus: the address is stored whatever the type, so choosing a genre or none
    // without one clears a previous custom address.
    directoryType_ = type;
    directoryAddress_ = address;
    ports_.directory.setDirectoryAddress(effectiveDirectory());
    rememberSetting(admin::setting::kDirectoryType, directoryTypeKey(type));
    rememberSetting(admin::setting::kDirectoryAddress, address);
    return CommandError::None;
}

RecorderStatus CommandLayer::recorderStatus() const {
    return ports_.recorder.status();
}

void CommandLayer::startRecording() {
    ports_.recorder.setEnabled(true);
}

void CommandLayer::stopRecording() {
    ports_.recorder.setEnabled(false);
}

void CommandLayer::toggleRecording() {
    ports_.recorder.toggleEnabled();
}

void CommandLayer::restartRecording() {
    ports_.recorder.newSession();
}

void CommandLayer::setRecordingDirectory(const std::string& directory) {
    ports_.recorder.setDirectory(directory);
    rememberSetting(admin::setting::kRecordingDirectory, directory);
}

CommandError CommandLayer::broadcastChat(const std::string& text) {
    // Upstream has no limit here, but clients drop longer chat texts without a word.
    if (protocol::utf16Length(text) > kChatUnits) {
        return CommandError::InvalidText;
    }
    ports_.clients.broadcastChat(text);
    fanOut_.chatMessage(-1, text);
    return CommandError::None;
}

CommandError CommandLayer::privateChat(int id, const std::string& text) {
    if (text.empty() || protocol::utf16Length(text) > kChatUnits) {
        return CommandError::InvalidText;
    }
    return ports_.clients.sendChat(id, text) ? CommandError::None : CommandError::InvalidChannel;
}

CommandError CommandLayer::kick(int id, const std::string& reason, const std::string& actor) {
    if (protocol::utf16Length(reason) > kChatUnits) {
        return CommandError::InvalidText;
    }
    logKick(id, reason, actor);  // before the client leaves the list
    return ports_.clients.kick(id, reason) ? CommandError::None : CommandError::InvalidChannel;
}

EngineStatistics CommandLayer::engineStatistics() const {
    return ports_.engine.statistics();
}

std::vector<ChannelLevel> CommandLayer::levels() const {
    return ports_.engine.levels();
}

}  // namespace tutti::control
