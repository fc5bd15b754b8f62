// The configuration database (issue 12): settings that may change at run time, bans, the
// allowlist and the server log, in SQLite. Operators may edit it with `sqlite3` while the server
// runs, so it is opened in WAL mode with a short busy timeout and every change is its own short
// transaction. Without --database it lives in memory for the process lifetime. Only the control
// thread uses it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/control/operator_api.h"

struct sqlite3;

namespace tutti::admin {

// Version 1: settings and bans (pattern, reason, created_at, expires_at).
// Version 2: bans.created_by, the allowlist and the server log.
inline constexpr int kSchemaVersion = 2;
// The server log keeps this many newest rows; older ones are deleted as new ones arrive.
inline constexpr int64_t kServerLogRows = 10000;

class AdminDatabase {
  public:
    // "" opens a private in-memory database. Creates the file and the schema if missing and
    // migrates an older schema; null with `error` set when the file cannot be used (or is of a
    // newer schema than this build knows).
    static std::unique_ptr<AdminDatabase> open(const std::string& path, std::string& error);
    ~AdminDatabase();
    AdminDatabase(const AdminDatabase&) = delete;
    AdminDatabase& operator=(const AdminDatabase&) = delete;

    const std::string& path() const { return path_; }  // "" in memory
    int schemaVersion() const;
    // The last SQLite error message, for operators.
    std::string lastError() const;

    std::map<std::string, std::string> settings() const;
    bool setSetting(const std::string& key, const std::string& value);
    // Only when the key has no value yet: how the command line seeds a new database.
    bool seedSetting(const std::string& key, const std::string& value);

    std::vector<control::AddressRule> bans() const;
    bool putBan(const control::AddressRule& rule);  // replaces a ban on the same pattern
    int removeBan(const std::string& pattern);      // rows removed, -1 on error
    int removeExpiredBans(int64_t nowUnix);
    std::vector<control::AddressRule> allowlist() const;
    bool putAllowed(const control::AddressRule& rule);
    int removeAllowed(const std::string& pattern);

    bool appendLog(const control::ServerLogEntry& entry);
    // The newest `limit` entries, oldest first.
    std::vector<control::ServerLogEntry> log(std::size_t limit) const;

    // A consistent copy at `destination` through SQLite's online backup, written next to it and
    // renamed into place, so a reader never sees half a file. False with `error` set on failure.
    bool backupTo(const std::string& destination, std::string& error) const;

  private:
    AdminDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    bool migrate(std::string& error);
    bool exec(const char* sql) const;

    sqlite3* db_;
    std::string path_;
    int logInserts_ = 0;
};

// Copies the database file `source` (e.g. of a running server) to `destination` with SQLite's
// online backup; what `tutti-server --database FILE --backup-database DEST` runs.
bool backupDatabaseFile(const std::string& source, const std::string& destination,
                        std::string& error);

}  // namespace tutti::admin
