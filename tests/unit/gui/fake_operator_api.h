// An in-memory command layer for the window's tests: it records what the window asked for and
// serves what a test put in. Not thread-safe; the proxy test confines it to one thread.
#pragma once

#include <string>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::gui::test {

class FakeOperatorApi : public control::OperatorApi {
  public:
    std::vector<control::ClientInfo> clientList;
    control::ServerProfile profile;
    control::RecorderStatus recorder;
    control::EngineStatistics stats;
    std::vector<control::ChannelLevel> levelList;
    bool delayPan = false;
    std::string dirFile;
    std::vector<std::string> calls;  // "kick 3 reason window", "setDirectory 2 addr", ...
    std::vector<control::OperatorEvents*> listeners;

    std::vector<control::ClientInfo> clients() const override { return clientList; }
    control::ServerProfile serverProfile() const override { return profile; }
    void setServerName(const std::string& name) override {
        profile.name = name;
        calls.push_back("setServerName " + name);
    }
    void setWelcomeMessage(const std::string& text) override { profile.welcomeMessage = text; }
    control::CommandError setDirectory(control::DirectoryType type,
                                       const std::string& address) override {
        if (type == control::DirectoryType::Custom && address.empty()) {
            return control::CommandError::InvalidAddress;
        }
        profile.directoryType = type;
        profile.directoryAddress = address;
        calls.push_back("setDirectory " + control::directoryTypeKey(type) + " " + address);
        return control::CommandError::None;
    }
    control::RecorderStatus recorderStatus() const override { return recorder; }
    void startRecording() override {
        recorder.enabled = true;
        calls.push_back("startRecording");
    }
    void stopRecording() override {
        recorder.enabled = false;
        calls.push_back("stopRecording");
    }
    void toggleRecording() override { recorder.enabled = !recorder.enabled; }
    void restartRecording() override { calls.push_back("restartRecording"); }
    void setRecordingDirectory(const std::string& directory) override {
        recorder.recordingDirectory = directory;
        recorder.initialised = !directory.empty();
        calls.push_back("setRecordingDirectory " + directory);
    }
    control::CommandError broadcastChat(const std::string& text) override {
        calls.push_back("broadcastChat " + text);
        for (auto* l : listeners) {
            l->chatMessage(-1, text);
        }
        return control::CommandError::None;
    }
    control::CommandError privateChat(int, const std::string&) override {
        return control::CommandError::None;
    }
    control::CommandError kick(int id, const std::string& reason,
                               const std::string& actor) override {
        calls.push_back("kick " + std::to_string(id) + " " + reason + " " + actor);
        return control::CommandError::None;
    }
    control::EngineStatistics engineStatistics() const override { return stats; }
    std::vector<control::ChannelLevel> levels() const override { return levelList; }
    void setServerLocation(const std::string& city, int countryId) override {
        profile.city = city;
        profile.countryId = countryId;
        calls.push_back("setServerLocation " + city + " " + std::to_string(countryId));
    }
    bool delayPanning() const override { return delayPan; }
    void setDelayPanning(bool on) override { delayPan = on; }
    std::string directoryFile() const override { return dirFile; }
    control::CommandResult setDirectoryFile(const std::string& path) override {
        if (path == "/nonexistent/dir/list.txt") {
            return {control::CommandError::Failed, "cannot create " + path};
        }
        dirFile = path;
        return {};
    }
    void subscribe(control::OperatorEvents* l) override { listeners.push_back(l); }
    void unsubscribe(control::OperatorEvents* l) override { std::erase(listeners, l); }

    void addClient(int id, const std::string& name, int channels = 2) {
        control::ClientInfo c;
        c.id = id;
        c.name = name;
        c.address = "127.0.0.1:" + std::to_string(22200 + id);
        c.ip = "127.0.0.1";
        c.channels = channels;
        c.jitterBufferSize = 4 + id;
        clientList.push_back(c);
        control::ClientStatistics s;
        s.id = id;
        s.packetsLost = 3 * id;
        s.packetsLate = id;
        stats.clients.push_back(s);
        levelList.push_back({id, 5});
    }
};

}  // namespace tutti::gui::test
