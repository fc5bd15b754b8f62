// The command layer's administration over a fake server: who a ban or the allowlist removes,
// what the server log records, reload and backups.
#include <gtest/gtest.h>

#include "src/control/command_layer.h"
#include "tests/unit/control/fake_server.h"
#include "tests/unit/control/temp_dir.h"

namespace tutti::control {
namespace {

using test::FakeServer;

ClientInfo clientAt(int id, const std::string& name, const std::string& ip) {
    ClientInfo c = test::client(id, name);
    c.ip = ip;
    c.address = ip + ":22134";
    return c;
}

struct AdminChanges : OperatorEvents {
    int count = 0;
    void adminChanged() override { ++count; }
};

struct CommandLayerAdminTest : testing::Test {
    FakeServer fake;
    CommandLayer layer{fake.ports(), DirectoryType::None, ""};
    AdminChanges changes;
    void SetUp() override {
        layer.attachAdministration(nullptr);  // the in-memory one, with the server log
        layer.subscribe(&changes);
        fake.connected = {clientAt(0, "Alice", "192.0.2.10"), clientAt(1, "Bob", "198.51.100.7"),
                          clientAt(2, "Carol", "2001:db8::7")};
    }
};

TEST_F(CommandLayerAdminTest, BanningAConnectedAddressKicksItWithTheReason) {
    const CommandResult r = layer.ban("198.51.100.0/24", 0, "rude", "jsonrpc");
    ASSERT_TRUE(r.ok()) << r.message;
    ASSERT_EQ(fake.kicks.size(), 1u);
    EXPECT_EQ(fake.kicks[0].first, 1);
    EXPECT_NE(fake.kicks[0].second.find("rude"), std::string::npos);
    EXPECT_EQ(changes.count, 1);
    ASSERT_EQ(layer.bans().size(), 1u);
    EXPECT_EQ(layer.bans()[0].createdBy, "jsonrpc");
    EXPECT_EQ(layer.adminStatus().bansAdded, 1u);
    EXPECT_EQ(layer.adminStatus().kicks, 1u);
}

TEST_F(CommandLayerAdminTest, Ipv6BlocksBanToo) {
    ASSERT_TRUE(layer.ban("2001:db8::/48", 60, "", "web:op").ok());
    ASSERT_EQ(fake.kicks.size(), 1u);
    EXPECT_EQ(fake.kicks[0].first, 2);
    EXPECT_GT(layer.bans()[0].expiresAt, 0);
}

TEST_F(CommandLayerAdminTest, BadPatternsAndReasonsAreRefused) {
    EXPECT_EQ(layer.ban("example.org", 0, "", "t").error, CommandError::InvalidPattern);
    EXPECT_EQ(layer.ban("1.2.3.4", -5, "", "t").error, CommandError::InvalidText);
    EXPECT_EQ(layer.ban("1.2.3.4", 0, std::string(1601, 'x'), "t").error,
              CommandError::InvalidText);
    EXPECT_EQ(layer.unban("1.2.3.4", "t").error, CommandError::NotFound);
    EXPECT_EQ(layer.allow("nope", "", "t").error, CommandError::InvalidPattern);
    EXPECT_TRUE(fake.kicks.empty());
}

TEST_F(CommandLayerAdminTest, BanClientBansItsAddress) {
    ASSERT_TRUE(layer.banClient(0, 0, "bye", "window").ok());
    ASSERT_EQ(layer.bans().size(), 1u);
    EXPECT_EQ(layer.bans()[0].pattern, "192.0.2.10");
    EXPECT_EQ(layer.banClient(9, 0, "", "window").error, CommandError::InvalidChannel);
}

TEST_F(CommandLayerAdminTest, UnbanAdmitsAgain) {
    ASSERT_TRUE(layer.ban("203.0.113.5", 0, "", "t").ok());
    EXPECT_FALSE(layer.admits("203.0.113.5", false));
    ASSERT_TRUE(layer.unban("203.0.113.5/32", "t").ok());
    EXPECT_TRUE(layer.admits("203.0.113.5", false));
    EXPECT_EQ(layer.adminStatus().refusedDatagrams, 1u);
}

TEST_F(CommandLayerAdminTest, AllowlistModeRemovesTheUnlistedButLetsDirectoriesThrough) {
    ASSERT_TRUE(layer.allow("192.0.2.0/24", "band", "t").ok());
    EXPECT_TRUE(fake.kicks.empty());  // the list alone changes nothing
    ASSERT_TRUE(layer.setAllowlistEnabled(true, "t").ok());
    ASSERT_EQ(fake.kicks.size(), 2u);
    EXPECT_EQ(fake.kicks[0].first, 1);
    EXPECT_EQ(fake.kicks[1].first, 2);
    EXPECT_TRUE(layer.admits("192.0.2.99", false));
    EXPECT_FALSE(layer.admits("203.0.113.1", false));
    EXPECT_TRUE(layer.admits("203.0.113.1", true));  // a directory's answer
    EXPECT_TRUE(layer.adminStatus().allowlistEnabled);
}

TEST_F(CommandLayerAdminTest, ServerLogRecordsJoinsLeavesKicksBansAndActors) {
    layer.events().clientConnected(0, "192.0.2.10", 1);
    layer.events().clientProfileChanged(0);
    ASSERT_EQ(layer.kick(0, "enough", "jsonrpc"), CommandError::None);
    layer.events().clientDisconnected(0);
    ASSERT_TRUE(layer.ban("203.0.113.0/24", 0, "flood", "web:op").ok());
    const auto log = layer.serverLog(10);
    ASSERT_EQ(log.size(), 4u);
    EXPECT_EQ(log[0].event, "join");
    EXPECT_EQ(log[1].event, "kick");
    EXPECT_EQ(log[1].name, "Alice");
    EXPECT_EQ(log[1].detail, "enough");
    EXPECT_EQ(log[1].actor, "jsonrpc");
    EXPECT_EQ(log[2].event, "leave");
    EXPECT_EQ(log[2].name, "Alice");
    EXPECT_EQ(log[3].event, "ban");
    EXPECT_EQ(log[3].address, "203.0.113.0/24");
    EXPECT_EQ(layer.serverLog(1).size(), 1u);
}

TEST_F(CommandLayerAdminTest, ReloadAppliesSettingsAndRereadsTheWelcomeFile) {
    std::string welcomeFile = "from the file";
    layer.setWelcomeFileReader([&]() -> std::optional<std::string> { return welcomeFile; });
    int idle = -1;
    layer.setIdleTimeoutSink([&](int s) { idle = s; });
    layer.administration().rememberSetting("server_name", "Renamed");
    layer.administration().rememberSetting("idle_timeout", "90");
    layer.administration().rememberSetting("welcome_message", "ignored: -w is a file");
    ASSERT_TRUE(layer.reload("sighup").ok());
    EXPECT_EQ(fake.name, "Renamed");
    EXPECT_EQ(fake.welcome, "from the file");
    EXPECT_EQ(idle, 90);
    EXPECT_EQ(layer.adminStatus().idleTimeoutSeconds, 90);
    EXPECT_TRUE(fake.kicks.empty());  // nobody dropped
    EXPECT_EQ(layer.serverLog(1)[0].event, "reload");
    EXPECT_EQ(layer.serverLog(1)[0].actor, "sighup");
}

TEST_F(CommandLayerAdminTest, SettingsChangedThroughTheApiAreWrittenBack) {
    layer.setServerName("Via API");
    layer.setWelcomeMessage("new welcome");
    const auto s = layer.administration().settings();
    EXPECT_EQ(s.at("server_name"), "Via API");
    EXPECT_EQ(s.at("welcome_message"), "new welcome");
}

TEST_F(CommandLayerAdminTest, BackupNeedsADatabaseFile) {
    EXPECT_EQ(layer.backupDatabase("/tmp/x.sqlite", "t").error, CommandError::Unavailable);
    test::TempDir dir;
    std::string error;
    auto admin = admin::Administration::open(dir.file("db.sqlite"), error);
    ASSERT_TRUE(admin) << error;
    layer.attachAdministration(admin.get());
    ASSERT_TRUE(layer.ban("192.0.2.200", 0, "kept", "t").ok());
    const CommandResult r = layer.backupDatabase(dir.file("backup.sqlite"), "jsonrpc");
    ASSERT_TRUE(r.ok()) << r.message;
    auto copy = admin::Administration::open(dir.file("backup.sqlite"), error);
    ASSERT_TRUE(copy) << error;
    EXPECT_EQ(copy->rules().bans(admin::unixNow()).size(), 1u);
    EXPECT_EQ(layer.adminStatus().databasePath, dir.file("db.sqlite"));
    EXPECT_EQ(layer.adminStatus().schemaVersion, admin::kSchemaVersion);
    layer.attachAdministration(nullptr);
}

}  // namespace
}  // namespace tutti::control
