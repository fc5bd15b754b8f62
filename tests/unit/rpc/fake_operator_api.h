// A command layer without a server behind it: canned answers, a record of every call, and
// helpers that raise the events a real server would.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::rpc::testing {

using namespace tutti::control;

class FakeOperatorApi : public OperatorApi {
  public:
    std::vector<ClientInfo> clientList;
    ServerProfile profile;
    RecorderStatus recorder;
    EngineStatistics statistics;
    std::vector<ChannelLevel> levelList;
    std::vector<std::string> calls;  // "name(arg,arg)"
    std::vector<OperatorEvents*> listeners;

    std::vector<ClientInfo> clients() const override { return clientList; }
    ServerProfile serverProfile() const override { return profile; }
    void setServerName(const std::string& name) override {
        calls.push_back("setServerName(" + name + ")");
        profile.name = name.substr(0, 20);
    }
    void setWelcomeMessage(const std::string& text) override {
        calls.push_back("setWelcomeMessage(" + text + ")");
        profile.welcomeMessage = text;
    }
    CommandError setDirectory(DirectoryType type, const std::string& address) override {
        calls.push_back("setDirectory(" + directoryTypeKey(type) + "," + address + ")");
        if (type == DirectoryType::Custom && address.empty()) {
            return CommandError::InvalidAddress;
        }
        profile.directoryType = type;
        profile.directoryAddress = address;
        return CommandError::None;
    }
    RecorderStatus recorderStatus() const override { return recorder; }
    void startRecording() override { calls.push_back("startRecording()"); }
    void stopRecording() override { calls.push_back("stopRecording()"); }
    void toggleRecording() override { calls.push_back("toggleRecording()"); }
    void restartRecording() override { calls.push_back("restartRecording()"); }
    void setRecordingDirectory(const std::string& directory) override {
        calls.push_back("setRecordingDirectory(" + directory + ")");
    }
    CommandError broadcastChat(const std::string& text) override {
        calls.push_back("broadcastChat(" + text + ")");
        fireChat(-1, text);
        return CommandError::None;
    }
    CommandError privateChat(int id, const std::string& text) override {
        calls.push_back("privateChat(" + std::to_string(id) + "," + text + ")");
        return hasClient(id) ? CommandError::None : CommandError::InvalidChannel;
    }
    CommandError kick(int id, const std::string& reason, const std::string& /*actor*/) override {
        calls.push_back("kick(" + std::to_string(id) + "," + reason + ")");
        if (!hasClient(id)) {
            return CommandError::InvalidChannel;
        }
        std::erase_if(clientList, [id](const ClientInfo& c) { return c.id == id; });
        fireDisconnected(id);
        return CommandError::None;
    }
    EngineStatistics engineStatistics() const override { return statistics; }
    std::vector<ChannelLevel> levels() const override { return levelList; }
    void subscribe(OperatorEvents* listener) override { listeners.push_back(listener); }
    void unsubscribe(OperatorEvents* listener) override { std::erase(listeners, listener); }

    bool hasClient(int id) const {
        return std::any_of(clientList.begin(), clientList.end(),
                           [id](const ClientInfo& c) { return c.id == id; });
    }
    void fireConnected(int id, const std::string& ip, int total) {
        for (OperatorEvents* l : listeners) {
            l->clientConnected(id, ip, total);
        }
    }
    void fireDisconnected(int id) {
        for (OperatorEvents* l : listeners) {
            l->clientDisconnected(id);
        }
    }
    void fireChat(int id, const std::string& html) {
        for (OperatorEvents* l : listeners) {
            l->chatMessage(id, html);
        }
    }
    void fireRegistration(const std::string& key) {
        for (OperatorEvents* l : listeners) {
            l->registrationStatusChanged(key);
        }
    }
};

// Two clients as in JSONRPC.md's observed newest example.
inline std::vector<ClientInfo> twoClients() {
    ClientInfo alice;
    alice.id = 0;
    alice.address = "127.0.0.1:22783";
    alice.ip = "127.0.0.1";
    alice.name = "Alice Ä.";
    alice.instrumentCode = 1;
    alice.city = "Köln";
    alice.countryCode = 82;
    alice.countryName = "Germany";
    alice.skillLevelCode = 2;
    alice.channels = 1;
    alice.jitterBufferSize = 4;
    alice.level = 5;
    alice.connectedSeconds = 12;
    ClientInfo carol;
    carol.id = 1;
    carol.address = "127.0.0.1:22784";
    carol.ip = "127.0.0.1";
    carol.name = "Carol/Ünïcode na";
    carol.instrumentCode = 5;
    carol.city = "Austin";
    carol.countryCode = 225;
    carol.countryName = "United States";
    carol.skillLevelCode = 3;
    carol.channels = 1;
    carol.jitterBufferSize = 8;
    carol.level = 0;
    carol.connectedSeconds = 3;
    return {alice, carol};
}

constexpr const char* kSecret = "0123456789abcdefXYZ";

}  // namespace tutti::rpc::testing
