#include "src/admin/admin_database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/admin/administration.h"
#include "tests/unit/control/temp_dir.h"

namespace tutti::admin {
namespace {

using control::test::TempDir;

void runSql(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

// A database exactly as schema version 1 wrote it (settings and bans, no created_by).
constexpr const char* kVersion1Fixture = R"sql(
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE bans (
    pattern TEXT PRIMARY KEY, reason TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT (strftime('%s','now')),
    expires_at INTEGER NOT NULL DEFAULT 0);
INSERT INTO settings VALUES ('welcome_message', 'old welcome');
INSERT INTO bans(pattern, reason, created_at, expires_at) VALUES ('192.0.2.0/24', 'spam', 5, 0);
PRAGMA user_version = 1;
)sql";

TEST(AdminDatabase, ANewFileGetsTheCurrentSchema) {
    TempDir dir;
    std::string error;
    auto db = AdminDatabase::open(dir.file("new.sqlite"), error);
    ASSERT_TRUE(db) << error;
    EXPECT_EQ(db->schemaVersion(), kSchemaVersion);
    EXPECT_TRUE(db->bans().empty());
    EXPECT_TRUE(db->allowlist().empty());
}

TEST(AdminDatabase, AnOlderSchemaIsMigratedKeepingItsData) {
    TempDir dir;
    const std::string path = dir.file("v1.sqlite");
    runSql(path, kVersion1Fixture);
    std::string error;
    auto db = AdminDatabase::open(path, error);
    ASSERT_TRUE(db) << error;
    EXPECT_EQ(db->schemaVersion(), kSchemaVersion);
    EXPECT_EQ(db->settings().at("welcome_message"), "old welcome");
    const auto bans = db->bans();
    ASSERT_EQ(bans.size(), 1u);
    EXPECT_EQ(bans[0].pattern, "192.0.2.0/24");
    EXPECT_EQ(bans[0].reason, "spam");
    EXPECT_EQ(bans[0].createdAt, 5);
    EXPECT_EQ(bans[0].createdBy, "sqlite");  // the new column's default
    EXPECT_TRUE(db->appendLog({1, "admin", "", "", "migrated", ""}));
    EXPECT_TRUE(db->putAllowed({"127.0.0.1", "", 1, "test", 0}));
}

TEST(AdminDatabase, ANewerSchemaIsRefusedWithAReason) {
    TempDir dir;
    const std::string path = dir.file("future.sqlite");
    runSql(path, "PRAGMA user_version = 99;");
    std::string error;
    EXPECT_FALSE(AdminDatabase::open(path, error));
    EXPECT_NE(error.find("newer"), std::string::npos) << error;
}

TEST(AdminDatabase, AnUnusableFileIsRefusedWithAReason) {
    TempDir dir;
    std::string error;
    EXPECT_FALSE(AdminDatabase::open(dir.file("no/such/dir/x.sqlite"), error));
    EXPECT_FALSE(error.empty());
}

TEST(AdminDatabase, BackupOpensAndHoldsTheBans) {
    TempDir dir;
    std::string error;
    auto db = AdminDatabase::open(dir.file("live.sqlite"), error);
    ASSERT_TRUE(db) << error;
    ASSERT_TRUE(db->putBan({"203.0.113.0/24", "flood", 10, "jsonrpc", 0}));
    ASSERT_TRUE(db->putBan({"2001:db8::/32", "", 11, "web:admin", 99}));
    ASSERT_TRUE(db->backupTo(dir.file("copy.sqlite"), error)) << error;

    auto copy = AdminDatabase::open(dir.file("copy.sqlite"), error);
    ASSERT_TRUE(copy) << error;
    const auto bans = copy->bans();
    ASSERT_EQ(bans.size(), 2u);
    EXPECT_EQ(bans[0].pattern, "203.0.113.0/24");
    EXPECT_EQ(bans[1].createdBy, "web:admin");
    EXPECT_EQ(bans[1].expiresAt, 99);
    EXPECT_FALSE(std::filesystem::exists(dir.file("copy.sqlite.part")));

    // The file-to-file backup of the command line works while `db` holds the file open.
    ASSERT_TRUE(backupDatabaseFile(dir.file("live.sqlite"), dir.file("cli.sqlite"), error))
        << error;
    auto cli = AdminDatabase::open(dir.file("cli.sqlite"), error);
    ASSERT_TRUE(cli) << error;
    EXPECT_EQ(cli->bans().size(), 2u);
}

TEST(AdminDatabase, BackupToAnUnwritablePlaceFailsWithAReason) {
    TempDir dir;
    std::string error;
    auto db = AdminDatabase::open(dir.file("live.sqlite"), error);
    ASSERT_TRUE(db);
    EXPECT_FALSE(db->backupTo(dir.file("missing/dir/copy.sqlite"), error));
    EXPECT_FALSE(error.empty());
}

TEST(AdminDatabase, BackupNeverReplacesTheLiveFile) {
    TempDir dir;
    std::string error;
    auto db = AdminDatabase::open(dir.file("live.sqlite"), error);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->putBan({"192.0.2.1", "", 1, "t", 0}));
    EXPECT_FALSE(db->backupTo(dir.file("live.sqlite"), error));
    EXPECT_NE(error.find("must not replace"), std::string::npos) << error;
    EXPECT_FALSE(db->backupTo(dir.file("./live.sqlite-wal"), error));
    EXPECT_FALSE(backupDatabaseFile(dir.file("live.sqlite"), dir.file("live.sqlite"), error));
    EXPECT_EQ(db->bans().size(), 1u);
}

TEST(AdminDatabase, TheServerLogKeepsTheNewestRowsOnly) {
    std::string error;
    auto db = AdminDatabase::open("", error);
    ASSERT_TRUE(db);
    for (int i = 0; i < kServerLogRows + 200; ++i) {
        ASSERT_TRUE(db->appendLog({i, "join", "192.0.2.1", "n", std::to_string(i), ""}));
    }
    const auto all = db->log(kServerLogRows * 2);
    EXPECT_LE(all.size(), static_cast<std::size_t>(kServerLogRows + 100));
    EXPECT_EQ(all.back().detail, std::to_string(kServerLogRows + 199));
    const auto last3 = db->log(3);
    ASSERT_EQ(last3.size(), 3u);
    EXPECT_EQ(last3[0].detail, std::to_string(kServerLogRows + 197));  // oldest first
}

TEST(Administration, HandEditsWithSqliteApplyOnReload) {
    TempDir dir;
    const std::string path = dir.file("edit.sqlite");
    std::string error;
    auto admin = Administration::open(path, error);
    ASSERT_TRUE(admin) << error;
    EXPECT_EQ(admin->check("198.51.100.4"), Verdict::Admit);

    // What an operator types into `sqlite3` while the server runs.
    runSql(path,
           "INSERT INTO bans(pattern, reason) VALUES ('198.51.100.0/24', 'by hand');"
           "INSERT INTO bans(pattern) VALUES ('this is no address');"
           "INSERT INTO bans(pattern, expires_at) VALUES ('192.0.2.9', 1);"
           "INSERT INTO settings VALUES ('allowlist_enabled', '1');"
           "INSERT INTO allowlist(pattern) VALUES ('127.0.0.1');");
    EXPECT_EQ(admin->check("198.51.100.4"), Verdict::Admit);  // not before the reload
    const auto problems = admin->loadRules();
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("this is no address"), std::string::npos);
    EXPECT_EQ(admin->check("198.51.100.4"), Verdict::Banned);
    EXPECT_EQ(admin->check("127.0.0.1"), Verdict::Admit);
    EXPECT_EQ(admin->check("10.0.0.1"), Verdict::NotAllowed);
    // The long-expired ban was deleted rather than kept.
    for (const auto& b : admin->database().bans()) {
        EXPECT_NE(b.pattern, "192.0.2.9");
    }
}

}  // namespace
}  // namespace tutti::admin
