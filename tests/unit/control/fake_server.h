// A fake server behind the command layer's ports: it records every call and answers queries
// from plain fields the tests set.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "src/control/command_ports.h"

namespace tutti::control::test {

struct FakeServer : ClientsPort, RecorderPort, DirectoryPort, EnginePort {
    // ClientsPort
    std::vector<ClientInfo> connected;
    std::vector<std::string> broadcasts;
    std::vector<std::pair<int, std::string>> privateChats;
    std::vector<std::pair<int, std::string>> kicks;
    std::string welcome = "hello";

    bool has(int id) const {
        for (const ClientInfo& c : connected) {
            if (c.id == id) {
                return true;
            }
        }
        return false;
    }
    std::vector<ClientInfo> clients() const override { return connected; }
    void broadcastChat(const std::string& text) override { broadcasts.push_back(text); }
    bool sendChat(int id, const std::string& text) override {
        if (!has(id)) {
            return false;
        }
        privateChats.emplace_back(id, text);
        return true;
    }
    bool kick(int id, const std::string& reason) override {
        if (!has(id)) {
            return false;
        }
        kicks.emplace_back(id, reason);
        return true;
    }
    std::string welcomeMessage() const override { return welcome; }
    void setWelcomeMessage(const std::string& text) override { welcome = text; }

    // RecorderPort
    RecorderStatus recorder;
    std::vector<std::string> recorderCalls;
    RecorderStatus status() const override { return recorder; }
    void setEnabled(bool on) override { recorderCalls.push_back(on ? "enable" : "disable"); }
    void toggleEnabled() override { recorderCalls.push_back("toggle"); }
    void newSession() override { recorderCalls.push_back("newSession"); }
    void setDirectory(const std::string& directory) override {
        recorderCalls.push_back("dir:" + directory);
    }

    // DirectoryPort
    std::string name = "Srv";
    std::string city = "Town";
    int country = 82;
    std::vector<std::string> directoryAddresses;
    std::string statusKey = "not_registered";
    std::string serverName() const override { return name; }
    std::string serverCity() const override { return city; }
    int serverCountryId() const override { return country; }
    void setServerName(const std::string& n) override { name = n; }
    void setDirectoryAddress(const std::string& address) override {
        directoryAddresses.push_back(address);
    }
    std::string registrationStatusKey() const override { return statusKey; }

    // EnginePort
    EngineStatistics stats;
    std::vector<ChannelLevel> channelLevels;
    EngineStatistics statistics() const override { return stats; }
    std::vector<ChannelLevel> levels() const override { return channelLevels; }

    CommandPorts ports() { return CommandPorts{*this, *this, *this, *this}; }
};

// Records every event as a line of text.
struct EventLog : OperatorEvents {
    std::vector<std::string> lines;
    void clientConnected(int id, const std::string& ip, int total) override {
        lines.push_back("connected " + std::to_string(id) + " " + ip + " " + std::to_string(total));
    }
    void clientDisconnected(int id) override {
        lines.push_back("disconnected " + std::to_string(id));
    }
    void clientProfileChanged(int id) override { lines.push_back("profile " + std::to_string(id)); }
    void chatMessage(int id, const std::string& html) override {
        lines.push_back("chat " + std::to_string(id) + " " + html);
    }
    void registrationStatusChanged(const std::string& key) override {
        lines.push_back("registration " + key);
    }
    void recordingStateChanged(const RecorderStatus& s) override {
        lines.push_back(std::string("recording ") + (s.enabled ? "on" : "off"));
    }
};

inline ClientInfo client(int id, const std::string& name) {
    ClientInfo c;
    c.id = id;
    c.name = name;
    c.ip = "127.0.0.1";
    c.address = "127.0.0.1:" + std::to_string(22000 + id);
    return c;
}

}  // namespace tutti::control::test
