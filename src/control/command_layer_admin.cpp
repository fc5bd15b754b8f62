// CommandLayer's administration (issue 12): bans, the allowlist, the server log, reload and
// backups over admin::Administration, and the rule that a ban or an allowlist change removes
// the connected clients it now refuses at once, each told why by a chat line.
#include <cstdlib>

#include "protocol/utf16_length.h"
#include "src/control/command_layer.h"

namespace tutti::control {

namespace {

constexpr const char* kNotAllowedReason = "This server admits listed addresses only.";

std::string banReason(const AddressRule& ban) {
    return ban.reason.empty() ? "You are banned from this server."
                              : "You are banned from this server: " + ban.reason;
}

std::optional<int> parseSeconds(const std::string& text) {
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < 0 || v > 7 * 24 * 3600) {
        return std::nullopt;
    }
    return static_cast<int>(v);
}

}  // namespace

std::unique_ptr<admin::Administration> CommandLayer::inMemoryAdministration() {
    std::string error;
    return admin::Administration::open("", error);
}

void CommandLayer::attachAdministration(admin::Administration* admin) {
    admin_ = admin != nullptr ? admin : ownAdmin_.get();
    fanOut_.add(&logWriter_);
}

bool CommandLayer::admits(const std::string& ip, bool directoryTraffic) {
    const admin::Verdict v = admin_->check(ip);
    if (v == admin::Verdict::Admit || (v == admin::Verdict::NotAllowed && directoryTraffic)) {
        return true;
    }
    admin_->countRefused();
    return false;
}

void CommandLayer::rememberSetting(const char* key, const std::string& value) {
    admin_->rememberSetting(key, value);
}

void CommandLayer::logKick(int id, const std::string& reason, const std::string& actor) {
    for (const ClientInfo& c : ports_.clients.clients()) {
        if (c.id == id) {
            ++admin_->kicks;
            admin_->log("kick", c.ip, c.name, reason, actor);
        }
    }
}

int CommandLayer::enforceRules(const std::string& actor) {
    int removed = 0;
    const int64_t now = admin::unixNow();
    for (const ClientInfo& c : ports_.clients.clients()) {
        const auto ip = admin::parseIp(c.ip);
        if (!ip) {
            continue;
        }
        std::string reason;
        if (const AddressRule* ban = admin_->rules().banFor(*ip, now)) {
            reason = banReason(*ban);
        } else if (admin_->rules().check(*ip, now) == admin::Verdict::NotAllowed) {
            reason = kNotAllowedReason;
        } else {
            continue;
        }
        kick(c.id, protocol::cutToUtf16Length(reason, kChatUnits), actor);
        ++removed;
    }
    return removed;
}

std::vector<AddressRule> CommandLayer::bans() const {
    return admin_->rules().bans(admin::unixNow());
}

CommandResult CommandLayer::ban(const std::string& pattern, int64_t durationSeconds,
                                const std::string& reason, const std::string& actor) {
    if (protocol::utf16Length(reason) > kChatUnits) {
        return {CommandError::InvalidText, "the reason is longer than 1600 characters"};
    }
    AddressRule stored;
    CommandResult r = admin_->ban(pattern, durationSeconds, reason, actor, stored);
    if (!r.ok()) {
        return r;
    }
    admin_->log("ban", stored.pattern, "", reason, actor);
    enforceRules(actor);
    fanOut_.adminChanged();
    return r;
}

CommandResult CommandLayer::banClient(int id, int64_t durationSeconds, const std::string& reason,
                                      const std::string& actor) {
    for (const ClientInfo& c : ports_.clients.clients()) {
        if (c.id == id) {
            return ban(c.ip, durationSeconds, reason, actor);
        }
    }
    return {CommandError::InvalidChannel, "no client with id " + std::to_string(id)};
}

CommandResult CommandLayer::unban(const std::string& pattern, const std::string& actor) {
    std::string normalised;
    CommandResult r = admin_->unban(pattern, normalised);
    if (r.ok()) {
        admin_->log("unban", normalised, "", "", actor);
        fanOut_.adminChanged();
    }
    return r;
}

std::vector<AddressRule> CommandLayer::allowlist() const {
    return admin_->rules().allowlist();
}

CommandResult CommandLayer::allow(const std::string& pattern, const std::string& note,
                                  const std::string& actor) {
    AddressRule stored;
    CommandResult r = admin_->allow(pattern, note, actor, stored);
    if (r.ok()) {
        admin_->log("admin", stored.pattern, "", "allowlist: added", actor);
        fanOut_.adminChanged();
    }
    return r;
}

CommandResult CommandLayer::disallow(const std::string& pattern, const std::string& actor) {
    std::string normalised;
    CommandResult r = admin_->disallow(pattern, normalised);
    if (r.ok()) {
        admin_->log("admin", normalised, "", "allowlist: removed", actor);
        enforceRules(actor);
        fanOut_.adminChanged();
    }
    return r;
}

CommandResult CommandLayer::setAllowlistEnabled(bool on, const std::string& actor) {
    CommandResult r = admin_->setAllowlistEnabled(on);
    if (r.ok()) {
        admin_->log("admin", "", "", on ? "allowlist: on" : "allowlist: off", actor);
        enforceRules(actor);
        fanOut_.adminChanged();
    }
    return r;
}

AdminStatus CommandLayer::adminStatus() const {
    AdminStatus s;
    s.databasePath = admin_->database().path();
    s.schemaVersion = admin_->persistent() ? admin_->database().schemaVersion() : 0;
    s.allowlistEnabled = admin_->rules().allowlistEnabled();
    s.idleTimeoutSeconds = admin_->idleTimeoutSeconds;
    s.kicks = admin_->kicks;
    s.bansAdded = admin_->bansAdded;
    s.idleDisconnects = admin_->idleDisconnects;
    s.refusedDatagrams = admin_->refused();
    return s;
}

std::vector<ServerLogEntry> CommandLayer::serverLog(std::size_t limit) const {
    return admin_->serverLog(limit);
}

void CommandLayer::setIdleTimeout(int seconds) {
    admin_->idleTimeoutSeconds = seconds;
    if (idleTimeoutSink_) {
        idleTimeoutSink_(seconds);
    }
}

void CommandLayer::clientIdleDisconnected(int id) {
    for (const ClientInfo& c : ports_.clients.clients()) {
        if (c.id == id) {
            ++admin_->idleDisconnects;
            admin_->log("idle", c.ip, c.name,
                        "silent for " + std::to_string(admin_->idleTimeoutSeconds) + " s", "");
        }
    }
}

// Settings apply only when they differ from what runs, so a reload does not re-register with
// the directory or restart the recorder for nothing.
void CommandLayer::applySettings(const std::string& actor) {
    const auto s = admin_->settings();
    auto value = [&](const char* key) -> std::optional<std::string> {
        const auto it = s.find(key);
        return it == s.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    std::vector<std::string> changed;
    const ServerProfile profile = serverProfile();
    if (auto v = value(admin::setting::kServerName); v && *v != profile.name) {
        setServerName(*v);
        changed.push_back(admin::setting::kServerName);
    }
    const auto city = value(admin::setting::kServerCity);
    const auto country = value(admin::setting::kServerCountry);
    if ((city && *city != profile.city) ||
        (country && *country != std::to_string(profile.countryId))) {
        setServerLocation(city.value_or(profile.city),
                          country ? std::atoi(country->c_str()) : profile.countryId);
        changed.push_back("server_location");
    }
    if (!welcomeFileReader_ || !welcomeFileReader_()) {
        if (auto v = value(admin::setting::kWelcomeMessage); v && *v != profile.welcomeMessage) {
            setWelcomeMessage(*v);
            changed.push_back(admin::setting::kWelcomeMessage);
        }
    }
    const auto typeKey = value(admin::setting::kDirectoryType);
    const auto address = value(admin::setting::kDirectoryAddress);
    if (typeKey || address) {
        const auto type = typeKey ? directoryTypeFromKey(*typeKey) : profile.directoryType;
        const std::string addr = address.value_or(profile.directoryAddress);
        if (type && (*type != directoryType_ || addr != directoryAddress_)) {
            if (setDirectory(*type, addr) == CommandError::None) {
                changed.push_back("directory");
            }
        }
    }
    if (auto v = value(admin::setting::kRecordingDirectory);
        v && *v != recorderStatus().recordingDirectory) {
        setRecordingDirectory(*v);
        changed.push_back(admin::setting::kRecordingDirectory);
    }
    if (auto v = value(admin::setting::kIdleTimeout)) {
        if (auto seconds = parseSeconds(*v); seconds && *seconds != admin_->idleTimeoutSeconds) {
            setIdleTimeout(*seconds);
            changed.push_back(admin::setting::kIdleTimeout);
        }
    }
    if (!changed.empty()) {
        std::string detail = "settings:";
        for (const std::string& c : changed) {
            detail += " " + c;
        }
        admin_->log("admin", "", "", detail, actor);
    }
}

CommandResult CommandLayer::reload(const std::string& actor) {
    std::string detail;
    for (const std::string& problem : admin_->loadRules()) {
        detail += problem + "; ";
    }
    applySettings(actor);
    if (welcomeFileReader_) {
        if (auto text = welcomeFileReader_(); text && *text != ports_.clients.welcomeMessage()) {
            ports_.clients.setWelcomeMessage(protocol::cutToUtf16Length(*text, kChatUnits));
        }
    }
    const int removed = enforceRules(actor);
    detail += std::to_string(bans().size()) + " bans, " + std::to_string(allowlist().size()) +
              " allowed, " + std::to_string(removed) + " clients removed";
    admin_->log("reload", "", "", detail, actor);
    fanOut_.adminChanged();
    return {};
}

CommandResult CommandLayer::backupDatabase(const std::string& destination,
                                           const std::string& actor) {
    if (!admin_->persistent()) {
        return {CommandError::Unavailable, "no database: the server runs without --database"};
    }
    if (destination.empty()) {
        return {CommandError::InvalidText, "no destination file"};
    }
    std::string error;
    if (!admin_->database().backupTo(destination, error)) {
        return {CommandError::Failed, error};
    }
    admin_->log("admin", "", "", "backup to " + destination, actor);
    return {};
}

void CommandLayer::ServerLogWriter::clientConnected(int id, const std::string& ip, int /*total*/) {
    seen_[id] = {ip, ""};
    owner_.admin_->log("join", ip, "", "", "");
}

void CommandLayer::ServerLogWriter::clientProfileChanged(int id) {
    for (const ClientInfo& c : owner_.ports_.clients.clients()) {
        if (c.id == id) {
            seen_[id] = {c.ip, c.name};
        }
    }
}

void CommandLayer::ServerLogWriter::clientDisconnected(int id) {
    const auto it = seen_.find(id);
    if (it != seen_.end()) {
        owner_.admin_->log("leave", it->second.ip, it->second.name, "", "");
        seen_.erase(it);
    }
}

}  // namespace tutti::control
