#include "src/admin/admin_database.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>

namespace tutti::admin {

namespace {

// Long enough to wait out an operator's `sqlite3` edit, short enough not to stall the control
// thread's retransmissions noticeably (audio never waits for the control thread).
constexpr int kBusyTimeoutMs = 250;

// Version 1 as the first release wrote it; kept so that migrations start from real history.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bans (
    pattern    TEXT PRIMARY KEY,
    reason     TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT (strftime('%s','now')),
    expires_at INTEGER NOT NULL DEFAULT 0
);
PRAGMA user_version = 1;
)sql";

constexpr const char* kMigrateV1ToV2 = R"sql(
ALTER TABLE bans ADD COLUMN created_by TEXT NOT NULL DEFAULT 'sqlite';
CREATE TABLE IF NOT EXISTS allowlist (
    pattern    TEXT PRIMARY KEY,
    note       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT (strftime('%s','now')),
    created_by TEXT NOT NULL DEFAULT 'sqlite'
);
CREATE TABLE IF NOT EXISTS server_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    time    INTEGER NOT NULL DEFAULT (strftime('%s','now')),
    event   TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    name    TEXT NOT NULL DEFAULT '',
    detail  TEXT NOT NULL DEFAULT '',
    actor   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS server_log_time ON server_log(time);
PRAGMA user_version = 2;
)sql";

// One prepared statement, finalised on every path.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return stmt_ != nullptr; }
    Statement& bind(int i, const std::string& s) {
        sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, int64_t v) {
        sqlite3_bind_int64(stmt_, i, v);
        return *this;
    }
    bool row() { return ok() && sqlite3_step(stmt_) == SQLITE_ROW; }
    bool run() { return ok() && sqlite3_step(stmt_) == SQLITE_DONE; }
    std::string text(int col) const {
        const auto* p = sqlite3_column_text(stmt_, col);
        return p != nullptr ? reinterpret_cast<const char*>(p) : "";
    }
    int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

  private:
    sqlite3_stmt* stmt_ = nullptr;
};

std::string errorOf(sqlite3* db) {
    return db != nullptr ? sqlite3_errmsg(db) : "out of memory";
}

}  // namespace

std::unique_ptr<AdminDatabase> AdminDatabase::open(const std::string& path, std::string& error) {
    sqlite3* db = nullptr;
    const std::string name = path.empty() ? ":memory:" : path;
    if (sqlite3_open_v2(name.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        error = "cannot open database " + path + ": " + errorOf(db);
        sqlite3_close(db);
        return nullptr;
    }
    std::unique_ptr<AdminDatabase> self(new AdminDatabase(db, path));
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // WAL lets `sqlite3` read and write while the server holds the file open.
    // NORMAL is WAL's usual pairing: no fsync per log line on the control thread, and a crash
    // loses at most the newest lines, never the file.
    if (!path.empty() && !self->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")) {
        error = "cannot use database " + path + ": " + self->lastError();
        return nullptr;
    }
    if (!self->migrate(error)) {
        error = "cannot use database " + path + ": " + error;
        return nullptr;
    }
    return self;
}

AdminDatabase::~AdminDatabase() {
    sqlite3_close(db_);
}

bool AdminDatabase::exec(const char* sql) const {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::string AdminDatabase::lastError() const {
    return errorOf(db_);
}

int AdminDatabase::schemaVersion() const {
    Statement s(db_, "PRAGMA user_version;");
    return s.row() ? static_cast<int>(s.integer(0)) : -1;
}

bool AdminDatabase::migrate(std::string& error) {
    // Each step is one transaction, so a crash mid-way leaves the older, complete version.
    int version = schemaVersion();
    if (version > kSchemaVersion) {
        error = "schema version " + std::to_string(version) + " is newer than this Tutti knows (" +
                std::to_string(kSchemaVersion) + ")";
        return false;
    }
    const char* steps[] = {kSchemaV1, kMigrateV1ToV2};
    for (; version >= 0 && version < kSchemaVersion; ++version) {
        const std::string sql = std::string("BEGIN IMMEDIATE;") + steps[version] + "COMMIT;";
        if (!exec(sql.c_str())) {
            error = lastError();
            exec("ROLLBACK;");
            return false;
        }
    }
    if (version < 0) {
        error = lastError();
        return false;
    }
    return true;
}

std::map<std::string, std::string> AdminDatabase::settings() const {
    std::map<std::string, std::string> out;
    Statement s(db_, "SELECT key, value FROM settings;");
    while (s.row()) {
        out[s.text(0)] = s.text(1);
    }
    return out;
}

bool AdminDatabase::setSetting(const std::string& key, const std::string& value) {
    Statement s(db_, "INSERT OR REPLACE INTO settings(key, value) VALUES(?1, ?2);");
    return s.bind(1, key).bind(2, value).run();
}

bool AdminDatabase::seedSetting(const std::string& key, const std::string& value) {
    Statement s(db_, "INSERT OR IGNORE INTO settings(key, value) VALUES(?1, ?2);");
    return s.bind(1, key).bind(2, value).run();
}

std::vector<control::AddressRule> AdminDatabase::bans() const {
    std::vector<control::AddressRule> out;
    Statement s(db_,
                "SELECT pattern, reason, created_at, created_by, expires_at FROM bans "
                "ORDER BY created_at, pattern;");
    while (s.row()) {
        out.push_back({s.text(0), s.text(1), s.integer(2), s.text(3), s.integer(4)});
    }
    return out;
}

bool AdminDatabase::putBan(const control::AddressRule& r) {
    Statement s(db_,
                "INSERT OR REPLACE INTO bans(pattern, reason, created_at, created_by, expires_at) "
                "VALUES(?1, ?2, ?3, ?4, ?5);");
    return s.bind(1, r.pattern)
        .bind(2, r.reason)
        .bind(3, r.createdAt)
        .bind(4, r.createdBy)
        .bind(5, r.expiresAt)
        .run();
}

int AdminDatabase::removeBan(const std::string& pattern) {
    Statement s(db_, "DELETE FROM bans WHERE pattern = ?1;");
    return s.bind(1, pattern).run() ? sqlite3_changes(db_) : -1;
}

int AdminDatabase::removeExpiredBans(int64_t nowUnix) {
    Statement s(db_, "DELETE FROM bans WHERE expires_at != 0 AND expires_at <= ?1;");
    return s.bind(1, nowUnix).run() ? sqlite3_changes(db_) : -1;
}

std::vector<control::AddressRule> AdminDatabase::allowlist() const {
    std::vector<control::AddressRule> out;
    Statement s(db_,
                "SELECT pattern, note, created_at, created_by FROM allowlist "
                "ORDER BY created_at, pattern;");
    while (s.row()) {
        out.push_back({s.text(0), s.text(1), s.integer(2), s.text(3), 0});
    }
    return out;
}

bool AdminDatabase::putAllowed(const control::AddressRule& r) {
    Statement s(db_,
                "INSERT OR REPLACE INTO allowlist(pattern, note, created_at, created_by) "
                "VALUES(?1, ?2, ?3, ?4);");
    return s.bind(1, r.pattern).bind(2, r.reason).bind(3, r.createdAt).bind(4, r.createdBy).run();
}

int AdminDatabase::removeAllowed(const std::string& pattern) {
    Statement s(db_, "DELETE FROM allowlist WHERE pattern = ?1;");
    return s.bind(1, pattern).run() ? sqlite3_changes(db_) : -1;
}

bool AdminDatabase::appendLog(const control::ServerLogEntry& e) {
    Statement s(db_,
                "INSERT INTO server_log(time, event, address, name, detail, actor) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6);");
    const bool ok = s.bind(1, e.time)
                        .bind(2, e.event)
                        .bind(3, e.address)
                        .bind(4, e.name)
                        .bind(5, e.detail)
                        .bind(6, e.actor)
                        .run();
    // Trimming now and then keeps the table bounded without a delete on every insert.
    if (ok && ++logInserts_ % 100 == 0) {
        Statement trim(db_,
                       "DELETE FROM server_log WHERE id <= (SELECT max(id) FROM server_log) - ?1;");
        trim.bind(1, kServerLogRows).run();
    }
    return ok;
}

std::vector<control::ServerLogEntry> AdminDatabase::log(std::size_t limit) const {
    std::vector<control::ServerLogEntry> out;
    Statement s(db_,
                "SELECT time, event, address, name, detail, actor FROM "
                "(SELECT * FROM server_log ORDER BY id DESC LIMIT ?1) ORDER BY id;");
    s.bind(1, static_cast<int64_t>(limit));
    while (s.row()) {
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    }
    return out;
}

namespace {

// Renaming the copy over the live file (or its WAL companions) would swap the database under
// the server's feet.
bool sameFile(const std::string& sourcePath, const std::string& destination) {
    if (sourcePath.empty()) {
        return false;
    }
    std::error_code ec;
    const auto live = std::filesystem::weakly_canonical(sourcePath, ec);
    const auto target = std::filesystem::weakly_canonical(destination, ec);
    if (ec) {
        return false;
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        if (target == std::filesystem::path(live.string() + suffix)) {
            return true;
        }
    }
    return false;
}

bool copyWithBackupApi(sqlite3* source, const std::string& sourcePath,
                       const std::string& destination, std::string& error) {
    if (sameFile(sourcePath, destination)) {
        error = "the backup must not replace the database itself: " + destination;
        return false;
    }
    const std::string temporary = destination + ".part";
    std::remove(temporary.c_str());
    sqlite3* target = nullptr;
    if (sqlite3_open_v2(temporary.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        error = "cannot create " + temporary + ": " + errorOf(target);
        sqlite3_close(target);
        return false;
    }
    bool ok = false;
    if (sqlite3_backup* b = sqlite3_backup_init(target, "main", source, "main")) {
        // All pages in one step: the databases are small, and one step is one consistent read.
        const int rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        ok = rc == SQLITE_DONE;
    }
    if (!ok) {
        error = "backup to " + destination + " failed: " + errorOf(target);
    }
    sqlite3_close(target);
    if (ok && std::rename(temporary.c_str(), destination.c_str()) != 0) {
        error = "cannot rename " + temporary + " to " + destination;
        ok = false;
    }
    if (!ok) {
        std::remove(temporary.c_str());
    }
    return ok;
}

}  // namespace

bool AdminDatabase::backupTo(const std::string& destination, std::string& error) const {
    return copyWithBackupApi(db_, path_, destination, error);
}

bool backupDatabaseFile(const std::string& source, const std::string& destination,
                        std::string& error) {
    sqlite3* db = nullptr;
    // Read-write, not read-only: a reader of a WAL database may need to create the -shm file.
    if (sqlite3_open_v2(source.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        error = "cannot open database " + source + ": " + errorOf(db);
        sqlite3_close(db);
        return false;
    }
    sqlite3_busy_timeout(db, 5000);
    const bool ok = copyWithBackupApi(db, source, destination, error);
    sqlite3_close(db);
    return ok;
}

}  // namespace tutti::admin
