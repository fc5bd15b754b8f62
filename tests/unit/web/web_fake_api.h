// A command layer without a server for the web tests: canned state, and a record of each admin
// call with its actor, so a test sees that a route reached the right method.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::web::testing {

using namespace tutti::control;

class WebFakeApi : public OperatorApi {
  public:
    std::vector<ClientInfo> clientList;
    ServerProfile profile;
    RecorderStatus recorder;
    EngineStatistics statistics;
    std::vector<ChannelLevel> levelList;
    std::vector<AddressRule> banList;
    AdminStatus admin;
    std::vector<std::string> calls;
    std::vector<OperatorEvents*> listeners;
    CommandResult nextResult;  // what the admin methods answer

    std::vector<ClientInfo> clients() const override { return clientList; }
    ServerProfile serverProfile() const override { return profile; }
    void setServerName(const std::string& n) override { calls.push_back("name " + n); }
    void setWelcomeMessage(const std::string& t) override { calls.push_back("welcome " + t); }
    CommandError setDirectory(DirectoryType, const std::string&) override {
        return CommandError::None;
    }
    RecorderStatus recorderStatus() const override { return recorder; }
    void startRecording() override { calls.push_back("startRecording"); }
    void stopRecording() override { calls.push_back("stopRecording"); }
    void toggleRecording() override { calls.push_back("toggleRecording"); }
    void restartRecording() override { calls.push_back("restartRecording"); }
    void setRecordingDirectory(const std::string&) override {}
    CommandError broadcastChat(const std::string& text) override {
        calls.push_back("chat " + text);
        if (text.empty()) {
            return CommandError::InvalidText;
        }
        for (OperatorEvents* l : listeners) {
            l->chatMessage(-1, text);
        }
        return CommandError::None;
    }
    CommandError privateChat(int id, const std::string& text) override {
        calls.push_back("privateChat " + std::to_string(id) + " " + text);
        return has(id) ? CommandError::None : CommandError::InvalidChannel;
    }
    CommandError kick(int id, const std::string& reason, const std::string& actor) override {
        calls.push_back("kick " + std::to_string(id) + " " + reason + " by " + actor);
        return has(id) ? CommandError::None : CommandError::InvalidChannel;
    }
    EngineStatistics engineStatistics() const override { return statistics; }
    std::vector<ChannelLevel> levels() const override { return levelList; }
    std::vector<AddressRule> bans() const override { return banList; }
    CommandResult ban(const std::string& p, int64_t d, const std::string& r,
                      const std::string& a) override {
        calls.push_back("ban " + p + " " + std::to_string(d) + " " + r + " by " + a);
        return nextResult;
    }
    CommandResult banClient(int id, int64_t d, const std::string& r,
                            const std::string& a) override {
        calls.push_back("banClient " + std::to_string(id) + " " + std::to_string(d) + " " + r +
                        " by " + a);
        return nextResult;
    }
    CommandResult unban(const std::string& p, const std::string& a) override {
        calls.push_back("unban " + p + " by " + a);
        return nextResult;
    }
    CommandResult allow(const std::string& p, const std::string& n, const std::string& a) override {
        calls.push_back("allow " + p + " " + n + " by " + a);
        return nextResult;
    }
    CommandResult disallow(const std::string& p, const std::string& a) override {
        calls.push_back("disallow " + p + " by " + a);
        return nextResult;
    }
    CommandResult setAllowlistEnabled(bool on, const std::string& a) override {
        calls.push_back(std::string("allowlist ") + (on ? "on" : "off") + " by " + a);
        return nextResult;
    }
    AdminStatus adminStatus() const override { return admin; }
    MixOutStatus mixOut;
    MixOutStatus mixOutStatus() const override { return mixOut; }
    CommandResult reload(const std::string& a) override {
        calls.push_back("reload by " + a);
        return nextResult;
    }
    CommandResult backupDatabase(const std::string& d, const std::string& a) override {
        calls.push_back("backup " + d + " by " + a);
        return nextResult;
    }
    void subscribe(OperatorEvents* l) override { listeners.push_back(l); }
    void unsubscribe(OperatorEvents* l) override { std::erase(listeners, l); }

    bool has(int id) const {
        return std::any_of(clientList.begin(), clientList.end(),
                           [id](const ClientInfo& c) { return c.id == id; });
    }
};

}  // namespace tutti::web::testing
