// The administration options (issue 12): --database, --idle-timeout, --backup-database.
#include <gtest/gtest.h>

#include "src/app/options.h"

namespace tutti::app {
namespace {

ParseResult parse(std::vector<std::string> rest) {
    rest.insert(rest.begin(), "tutti-server");
    return parseCommandLine(rest, "9.9.9-test");
}

TEST(AdminOptions, DatabaseAndIdleTimeoutAreTaken) {
    const ParseResult r = parse({"--database", "/var/lib/t.sqlite", "--idle-timeout", "600"});
    ASSERT_TRUE(r.options) << r.errorLine;
    EXPECT_EQ(r.options->databaseFile, "/var/lib/t.sqlite");
    EXPECT_EQ(r.options->idleTimeoutSeconds, 600);
    EXPECT_TRUE(r.options->backupDatabaseTo.empty());
}

TEST(AdminOptions, IdleTimeoutIsUnsetByDefaultAndBounded) {
    const ParseResult r = parse({});
    ASSERT_TRUE(r.options);
    EXPECT_FALSE(r.options->idleTimeoutSeconds.has_value());
    EXPECT_TRUE(parse({"--idle-timeout", "-1"}).shouldExit());
    EXPECT_TRUE(parse({"--idle-timeout", "604801"}).shouldExit());
}

TEST(AdminOptions, BackupNeedsTheDatabaseToCopy) {
    const ParseResult bad = parse({"--backup-database", "/tmp/copy.sqlite"});
    EXPECT_TRUE(bad.shouldExit());
    EXPECT_EQ(bad.exitStatus, 1);
    EXPECT_NE(bad.errorLine.find("--database"), std::string::npos) << bad.errorLine;
    const ParseResult ok =
        parse({"--database", "/var/lib/t.sqlite", "--backup-database", "/tmp/copy.sqlite"});
    ASSERT_TRUE(ok.options) << ok.errorLine;
    EXPECT_EQ(ok.options->backupDatabaseTo, "/tmp/copy.sqlite");
}

}  // namespace
}  // namespace tutti::app
