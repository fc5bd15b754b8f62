// The administration state behind the command layer (issue 12): the database, the parsed access
// rules, the server log and the figures for adminStatus. It knows nothing of clients or the
// server; the command layer decides whom a change removes. Control thread only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/admin/access_rules.h"
#include "src/admin/admin_database.h"
#include "src/control/operator_api.h"

namespace tutti::admin {

// Keys of the settings table (README "Administration" lists them).
namespace setting {
inline constexpr const char* kServerName = "server_name";
inline constexpr const char* kServerCity = "server_city";
inline constexpr const char* kServerCountry = "server_country";
inline constexpr const char* kWelcomeMessage = "welcome_message";
inline constexpr const char* kDirectoryType = "directory_type";
inline constexpr const char* kDirectoryAddress = "directory_address";
inline constexpr const char* kRecordingDirectory = "recording_directory";
inline constexpr const char* kIdleTimeout = "idle_timeout";
inline constexpr const char* kAllowlistEnabled = "allowlist_enabled";
}  // namespace setting

class Administration {
  public:
    // "" keeps everything in memory. Null with `error` set when the database cannot be used.
    static std::unique_ptr<Administration> open(const std::string& path, std::string& error);

    AdminDatabase& database() { return *db_; }
    const AdminDatabase& database() const { return *db_; }
    const AccessRules& rules() const { return rules_; }
    bool persistent() const { return !db_->path().empty(); }

    // Re-reads bans, the allowlist and its switch from the database; expired bans are deleted.
    // Returns a line per entry that could not be used (hand edits with a bad pattern).
    std::vector<std::string> loadRules();

    // The check ServerCore makes for a datagram from an address without a channel.
    Verdict check(const std::string& ip) const { return rules_.check(ip, unixNow()); }
    void countRefused() { ++refused_; }

    // Rule changes, written to the database first and then applied. `pattern` is normalised.
    control::CommandResult ban(const std::string& pattern, int64_t durationSeconds,
                               const std::string& reason, const std::string& actor,
                               control::AddressRule& stored);
    control::CommandResult unban(const std::string& pattern, std::string& normalised);
    control::CommandResult allow(const std::string& pattern, const std::string& note,
                                 const std::string& actor, control::AddressRule& stored);
    control::CommandResult disallow(const std::string& pattern, std::string& normalised);
    control::CommandResult setAllowlistEnabled(bool on);

    // Writes a setting back (API changes) and reads them all (reload).
    void rememberSetting(const std::string& key, const std::string& value);
    std::map<std::string, std::string> settings() const { return db_->settings(); }

    // The server log. A line that cannot be written (the operator holds a write lock longer
    // than the busy timeout) is lost; serving never waits for it.
    void log(const std::string& event, const std::string& address, const std::string& name,
             const std::string& detail, const std::string& actor);
    std::vector<control::ServerLogEntry> serverLog(std::size_t limit) const {
        return db_->log(limit);
    }

    int idleTimeoutSeconds = 0;
    uint64_t kicks = 0;
    uint64_t bansAdded = 0;
    uint64_t idleDisconnects = 0;
    uint64_t refused() const { return refused_; }

  private:
    explicit Administration(std::unique_ptr<AdminDatabase> db) : db_(std::move(db)) {}
    control::CommandResult failed() const;

    std::unique_ptr<AdminDatabase> db_;
    AccessRules rules_;
    uint64_t refused_ = 0;
};

}  // namespace tutti::admin
