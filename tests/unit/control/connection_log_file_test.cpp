#include "src/control/connection_log_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "temp_dir.h"

namespace tutti::control {
namespace {

using test::readFile;

struct ConnectionLogFileTest : testing::Test {
    test::TempDir dir;
    std::vector<std::string> reports;
    std::time_t clock = 0;
    std::string path = dir.file("jamulus.log");
    ConnectionLogFile log{path, [this](const std::string& r) { reports.push_back(r); },
                          [this] { return clock; }};

    // The local-time stamp the file shows for `clock`.
    std::string stamp() const { return ConnectionLogFile::localTime(clock); }
};

TEST_F(ConnectionLogFileTest, LinesHaveTheJamulusShape) {
    EXPECT_EQ(ConnectionLogFile::connectedLine("2026-11-21 20:48:43", "127.0.0.1", 1),
              "2026-11-21 20:48:43, 127.0.0.1, connected (1)");
    EXPECT_EQ(ConnectionLogFile::idleLine("2026-11-21 20:49:45"),
              "2026-11-21 20:49:45,, server idling -------------------------------------");
    const std::string idle = ConnectionLogFile::idleLine("t");
    EXPECT_EQ(idle.size() - idle.find_first_of('-'), 37u);
    EXPECT_TRUE(std::regex_match(ConnectionLogFile::localTime(std::time(nullptr)),
                                 std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")));
}

TEST_F(ConnectionLogFileTest, ConnectsAndTheIdleLineWhenTheLastClientLeaves) {
    log.open();
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_EQ(readFile(path), "");
    clock = 1'800'000'000;
    log.clientConnected(0, "127.0.0.1", 1);
    clock += 4;
    log.clientConnected(1, "::1", 2);
    log.clientDisconnected(1);  // no line for a client leaving
    clock += 9;
    log.clientConnected(1, "127.0.0.1", 2);
    log.clientDisconnected(0);
    clock += 1;
    log.clientDisconnected(1);
    const std::string t0 = ConnectionLogFile::localTime(1'800'000'000);
    const std::string t1 = ConnectionLogFile::localTime(1'800'000'004);
    const std::string t2 = ConnectionLogFile::localTime(1'800'000'013);
    const std::string t3 = ConnectionLogFile::localTime(1'800'000'014);
    EXPECT_EQ(readFile(path), t0 + ", 127.0.0.1, connected (1)\n" + t1 + ", ::1, connected (2)\n" +
                                  t2 + ", 127.0.0.1, connected (2)\n" + t3 +
                                  ",, server idling -------------------------------------\n");
    log.serverStopping();  // nobody left: nothing more
    const std::string after = readFile(path);
    EXPECT_EQ(std::count(after.begin(), after.end(), '\n'), 4);
    EXPECT_TRUE(reports.empty());
}

TEST_F(ConnectionLogFileTest, AppendsToAnExistingFileAndIdlesAtAStopWithClients) {
    test::writeFile(path, "earlier line\n");
    log.open();
    log.clientConnected(0, "10.0.0.7", 1);
    log.serverStopping();
    EXPECT_EQ(readFile(path), "earlier line\n" + stamp() + ", 10.0.0.7, connected (1)\n" + stamp() +
                                  ",, server idling -------------------------------------\n");
}

TEST_F(ConnectionLogFileTest, AVanishedFileIsRecreated) {
    log.open();
    std::filesystem::remove(path);  // rotated away
    log.clientConnected(0, "127.0.0.1", 1);
    EXPECT_EQ(readFile(path), stamp() + ", 127.0.0.1, connected (1)\n");
    EXPECT_TRUE(reports.empty());
}

TEST_F(ConnectionLogFileTest, AnUnwritablePathIsReportedOnceUntilItWorksAgain) {
    // A regular file where the directory should be: no write can succeed, even as root.
    const std::string blocker = dir.file("notadir");
    test::writeFile(blocker, "x");
    ConnectionLogFile bad(blocker + "/jamulus.log",
                          [this](const std::string& r) { reports.push_back(r); });
    bad.open();
    bad.clientConnected(0, "127.0.0.1", 1);
    bad.clientConnected(1, "127.0.0.1", 2);
    bad.clientDisconnected(0);
    bad.clientDisconnected(1);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_NE(reports[0].find(blocker + "/jamulus.log"), std::string::npos) << reports[0];
    EXPECT_NE(reports[0].find("Not a directory"), std::string::npos) << reports[0];

    std::filesystem::remove(blocker);
    std::filesystem::create_directory(blocker);
    bad.clientConnected(0, "127.0.0.1", 1);
    EXPECT_NE(readFile(blocker + "/jamulus.log").find("connected (1)"), std::string::npos);
    std::filesystem::remove_all(blocker);
    bad.clientDisconnected(0);
    EXPECT_EQ(reports.size(), 2u);  // it broke again after having worked
}

}  // namespace
}  // namespace tutti::control
