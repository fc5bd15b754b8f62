// One in-memory command layer for the tests of every front end (window, JSON-RPC, web admin), so
// that they all test against the same stand-in: it serves whatever state a test put in its
// fields, records every command in one format, answers the administration commands as told, and
// raises the events a real server would when a test asks it to. Not thread-safe: a test confines
// it to one thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::control::testing {

class FakeOperatorApi : public OperatorApi {
  public:
    // Canned state, served as is by the queries. Commands change it only where a front end
    // reads back what it set (names, directory, recorder switches, location, panning, file).
    std::vector<ClientInfo> clientList;
    ServerProfile profile;
    RecorderStatus recorder;
    EngineStatistics statistics;
    std::vector<ChannelLevel> levelList;
    bool delayPan = false;
    std::string directoryFilePath;
    std::vector<AddressRule> banList;
    std::vector<AddressRule> allowList;
    AdminStatus admin;
    std::vector<ServerLogEntry> logEntries;
    MixOutStatus mixOut;

    // What every command that returns a CommandResult answers (administration and the directory
    // file). std::nullopt makes them answer as OperatorApi's defaults do, like a server without
    // administration ("not supported").
    std::optional<CommandResult> answer = CommandResult{};

    // Every command, in call order, as "name(arg,arg,...)" with all of its arguments as given
    // (strings unquoted, numbers in decimal, booleans as true/false, directory types by their
    // JSONRPC.md key): "kick(3,too loud,web:ops)", "setDirectory(genre_jazz,)". Queries are not
    // recorded, except serverLog's limit below.
    std::vector<std::string> calls;
    mutable std::size_t lastLogLimit = 0;  // what serverLog was last asked for
    std::vector<OperatorEvents*> listeners;

    std::vector<ClientInfo> clients() const override { return clientList; }
    ServerProfile serverProfile() const override { return profile; }
    void setServerName(const std::string& name) override {
        record("setServerName", name);
        profile.name = name.substr(0, 20);  // the layer's cut (bytes here; tests use ASCII)
    }
    void setWelcomeMessage(const std::string& text) override {
        record("setWelcomeMessage", text);
        profile.welcomeMessage = text;
    }
    CommandError setDirectory(DirectoryType type, const std::string& address) override {
        record("setDirectory", type, address);
        if (type == DirectoryType::Custom && address.empty()) {
            return CommandError::InvalidAddress;
        }
        profile.directoryType = type;
        profile.directoryAddress = address;
        return CommandError::None;
    }

    RecorderStatus recorderStatus() const override { return recorder; }
    void startRecording() override {
        record("startRecording");
        recorder.enabled = true;
    }
    void stopRecording() override {
        record("stopRecording");
        recorder.enabled = false;
    }
    void toggleRecording() override {
        record("toggleRecording");
        recorder.enabled = !recorder.enabled;
    }
    void restartRecording() override { record("restartRecording"); }
    void setRecordingDirectory(const std::string& directory) override {
        record("setRecordingDirectory", directory);
        recorder.recordingDirectory = directory;
        recorder.initialised = !directory.empty();
    }

    // Empty text is refused, so a front end's mapping of InvalidText can be seen.
    CommandError broadcastChat(const std::string& text) override {
        record("broadcastChat", text);  // empty text is sent, as by the real command layer
        fireChat(-1, text);
        return CommandError::None;
    }
    CommandError privateChat(int id, const std::string& text) override {
        record("privateChat", id, text);
        if (text.empty()) {
            return CommandError::InvalidText;
        }
        return hasClient(id) ? CommandError::None : CommandError::InvalidChannel;
    }
    // The client stays in clientList and no event is raised: a test that wants the departure
    // calls fireDisconnected.
    CommandError kick(int id, const std::string& reason, const std::string& actor) override {
        record("kick", id, reason, actor);
        return hasClient(id) ? CommandError::None : CommandError::InvalidChannel;
    }

    EngineStatistics engineStatistics() const override { return statistics; }
    std::vector<ChannelLevel> levels() const override { return levelList; }

    void setServerLocation(const std::string& city, int countryId) override {
        record("setServerLocation", city, countryId);
        profile.city = city;
        profile.countryId = countryId;
    }
    bool delayPanning() const override { return delayPan; }
    void setDelayPanning(bool on) override {
        record("setDelayPanning", on);
        delayPan = on;
    }
    std::string directoryFile() const override { return directoryFilePath; }
    CommandResult setDirectoryFile(const std::string& path) override {
        record("setDirectoryFile", path);
        const CommandResult result = answerOr(OperatorApi::setDirectoryFile(path));
        if (result.ok()) {
            directoryFilePath = path;
        }
        return result;
    }

    std::vector<AddressRule> bans() const override { return banList; }
    CommandResult ban(const std::string& pattern, int64_t durationSeconds,
                      const std::string& reason, const std::string& actor) override {
        record("ban", pattern, durationSeconds, reason, actor);
        return answerOr(OperatorApi::ban(pattern, durationSeconds, reason, actor));
    }
    CommandResult banClient(int id, int64_t durationSeconds, const std::string& reason,
                            const std::string& actor) override {
        record("banClient", id, durationSeconds, reason, actor);
        return answerOr(OperatorApi::banClient(id, durationSeconds, reason, actor));
    }
    CommandResult unban(const std::string& pattern, const std::string& actor) override {
        record("unban", pattern, actor);
        return answerOr(OperatorApi::unban(pattern, actor));
    }
    std::vector<AddressRule> allowlist() const override { return allowList; }
    CommandResult allow(const std::string& pattern, const std::string& note,
                        const std::string& actor) override {
        record("allow", pattern, note, actor);
        return answerOr(OperatorApi::allow(pattern, note, actor));
    }
    CommandResult disallow(const std::string& pattern, const std::string& actor) override {
        record("disallow", pattern, actor);
        return answerOr(OperatorApi::disallow(pattern, actor));
    }
    CommandResult setAllowlistEnabled(bool on, const std::string& actor) override {
        record("setAllowlistEnabled", on, actor);
        return answerOr(OperatorApi::setAllowlistEnabled(on, actor));
    }
    AdminStatus adminStatus() const override { return admin; }
    std::vector<ServerLogEntry> serverLog(std::size_t limit) const override {
        lastLogLimit = limit;
        const std::size_t skip = logEntries.size() > limit ? logEntries.size() - limit : 0;
        return {logEntries.begin() + static_cast<std::ptrdiff_t>(skip), logEntries.end()};
    }
    CommandResult reload(const std::string& actor) override {
        record("reload", actor);
        return answerOr(OperatorApi::reload(actor));
    }
    CommandResult backupDatabase(const std::string& destination,
                                 const std::string& actor) override {
        record("backupDatabase", destination, actor);
        return answerOr(OperatorApi::backupDatabase(destination, actor));
    }

    MixOutStatus mixOutStatus() const override { return mixOut; }

    void subscribe(OperatorEvents* listener) override { listeners.push_back(listener); }
    void unsubscribe(OperatorEvents* listener) override { std::erase(listeners, listener); }

    // A connected client with predictable details, statistics (3*id lost, id late) and level 5.
    void addClient(int id, const std::string& name, int channels = 2) {
        ClientInfo client;
        client.id = id;
        client.name = name;
        client.address = "127.0.0.1:" + std::to_string(22200 + id);
        client.ip = "127.0.0.1";
        client.channels = channels;
        client.jitterBufferSize = 4 + id;
        clientList.push_back(client);
        ClientStatistics figures;
        figures.id = id;
        figures.packetsLost = 3 * id;
        figures.packetsLate = id;
        statistics.clients.push_back(figures);
        levelList.push_back({id, 5});
    }
    bool hasClient(int id) const {
        return std::any_of(clientList.begin(), clientList.end(),
                           [id](const ClientInfo& c) { return c.id == id; });
    }

    // Raise an event to every listener subscribed now; a copy of the list is walked because a
    // listener may unsubscribe while it handles the event.
    void fireConnected(int id, const std::string& ip, int total) {
        for (OperatorEvents* l : std::vector(listeners)) {
            l->clientConnected(id, ip, total);
        }
    }
    void fireDisconnected(int id) {
        for (OperatorEvents* l : std::vector(listeners)) {
            l->clientDisconnected(id);
        }
    }
    void fireProfileChanged(int id) {
        for (OperatorEvents* l : std::vector(listeners)) {
            l->clientProfileChanged(id);
        }
    }
    void fireChat(int id, const std::string& html) {
        for (OperatorEvents* l : std::vector(listeners)) {
            l->chatMessage(id, html);
        }
    }
    void fireRegistration(const std::string& statusKey) {
        for (OperatorEvents* l : std::vector(listeners)) {
            l->registrationStatusChanged(statusKey);
        }
    }
    void fireRecordingState(const RecorderStatus& status) {
        for (OperatorEvents* l : std::vector(listeners)) {
            l->recordingStateChanged(status);
        }
    }
    void fireAdminChanged() {
        for (OperatorEvents* l : std::vector(listeners)) {
            l->adminChanged();
        }
    }

  private:
    static std::string text(const std::string& s) { return s; }
    static std::string text(bool b) { return b ? "true" : "false"; }
    static std::string text(int n) { return std::to_string(n); }
    static std::string text(int64_t n) { return std::to_string(n); }
    static std::string text(DirectoryType type) { return directoryTypeKey(type); }

    template <typename... Args>
    void record(const std::string& name, const Args&... args) {
        std::string line;
        ((line += "," + text(args)), ...);
        if (!line.empty()) {
            line.erase(0, 1);  // the first argument's comma
        }
        calls.push_back(name + "(" + line + ")");
    }

    CommandResult answerOr(const CommandResult& interfaceDefault) const {
        return answer ? *answer : interfaceDefault;
    }
};

}  // namespace tutti::control::testing
