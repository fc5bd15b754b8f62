#include "src/admin/administration.h"

namespace tutti::admin {

using control::CommandError;
using control::CommandResult;

std::unique_ptr<Administration> Administration::open(const std::string& path, std::string& error) {
    auto db = AdminDatabase::open(path, error);
    if (!db) {
        return nullptr;
    }
    std::unique_ptr<Administration> self(new Administration(std::move(db)));
    self->loadRules();
    return self;
}

CommandResult Administration::failed() const {
    return {CommandError::Failed, "database: " + db_->lastError()};
}

std::vector<std::string> Administration::loadRules() {
    db_->removeExpiredBans(unixNow());
    std::vector<std::string> problems;
    for (const auto& r : rules_.setBans(db_->bans())) {
        problems.push_back("bans: not an address or CIDR block: \"" + r.pattern + "\"");
    }
    for (const auto& r : rules_.setAllowlist(db_->allowlist())) {
        problems.push_back("allowlist: not an address or CIDR block: \"" + r.pattern + "\"");
    }
    const auto s = db_->settings();
    const auto on = s.find(setting::kAllowlistEnabled);
    rules_.setAllowlistEnabled(on != s.end() && (on->second == "1" || on->second == "true"));
    return problems;
}

CommandResult Administration::ban(const std::string& pattern, int64_t durationSeconds,
                                  const std::string& reason, const std::string& actor,
                                  control::AddressRule& stored) {
    const auto p = AddressPattern::parse(pattern);
    if (!p) {
        return {CommandError::InvalidPattern, "not an IPv4/IPv6 address or CIDR block"};
    }
    if (durationSeconds < 0) {
        return {CommandError::InvalidText, "the duration must not be negative"};
    }
    const int64_t now = unixNow();
    stored = {p->text(), reason, now, actor, durationSeconds == 0 ? 0 : now + durationSeconds};
    if (!db_->putBan(stored)) {
        return failed();
    }
    ++bansAdded;
    loadRules();
    return {};
}

CommandResult Administration::unban(const std::string& pattern, std::string& normalised) {
    const auto p = AddressPattern::parse(pattern);
    // A hand-written pattern that does not parse can still be removed by its exact text.
    normalised = p ? p->text() : pattern;
    const int removed = db_->removeBan(normalised);
    if (removed < 0) {
        return failed();
    }
    loadRules();
    if (removed == 0) {
        return {CommandError::NotFound, "no ban on " + normalised};
    }
    return {};
}

CommandResult Administration::allow(const std::string& pattern, const std::string& note,
                                    const std::string& actor, control::AddressRule& stored) {
    const auto p = AddressPattern::parse(pattern);
    if (!p) {
        return {CommandError::InvalidPattern, "not an IPv4/IPv6 address or CIDR block"};
    }
    stored = {p->text(), note, unixNow(), actor, 0};
    if (!db_->putAllowed(stored)) {
        return failed();
    }
    loadRules();
    return {};
}

CommandResult Administration::disallow(const std::string& pattern, std::string& normalised) {
    const auto p = AddressPattern::parse(pattern);
    normalised = p ? p->text() : pattern;
    const int removed = db_->removeAllowed(normalised);
    if (removed < 0) {
        return failed();
    }
    loadRules();
    if (removed == 0) {
        return {CommandError::NotFound, normalised + " is not on the allowlist"};
    }
    return {};
}

CommandResult Administration::setAllowlistEnabled(bool on) {
    if (!db_->setSetting(setting::kAllowlistEnabled, on ? "1" : "0")) {
        return failed();
    }
    rules_.setAllowlistEnabled(on);
    return {};
}

void Administration::rememberSetting(const std::string& key, const std::string& value) {
    db_->setSetting(key, value);
}

void Administration::log(const std::string& event, const std::string& address,
                         const std::string& name, const std::string& detail,
                         const std::string& actor) {
    db_->appendLog({unixNow(), event, address, name, detail, actor});
}

}  // namespace tutti::admin
