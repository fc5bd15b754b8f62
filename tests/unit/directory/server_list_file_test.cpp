#include "src/directory/server_list_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "src/directory/base64.h"

namespace tutti::directory {
namespace {

const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
using Lines = std::vector<std::string>;

// The file Jamulus 3.9.1 wrote on SIGTERM (OPERATIONS.md 3.4).
constexpr const char* kJamulusFile =
    "127.0.0.1:22770;198.51.100.7:22770;UmVnIE9uZQ==;Vmllbm5h;14;10;0\n"
    "127.0.0.1:22780;203.0.113.5:22780;UHViIFNlcnZlcg==;UGFyaXM=;74;12;0\n";

TEST(Base64, RoundTripsAndRejectsGarbage) {
    EXPECT_EQ(base64Encode("Reg One"), "UmVnIE9uZQ==");
    EXPECT_EQ(base64Encode("Vienna"), "Vmllbm5h");
    EXPECT_EQ(base64Encode(""), "");
    EXPECT_EQ(base64Encode("ab"), "YWI=");
    EXPECT_EQ(base64Decode("UGFyaXM="), "Paris");
    EXPECT_EQ(base64Decode("YWI="), "ab");
    EXPECT_EQ(base64Decode(""), "");
    EXPECT_EQ(base64Decode("abc"), std::nullopt);
    EXPECT_EQ(base64Decode("a*bc"), std::nullopt);
    EXPECT_EQ(base64Decode("a=bc"), std::nullopt);
}

TEST(ServerListFile, ReadsTheFileJamulusWroteInReverseOrder) {
    const ParsedServerListFile p = parseServerListFile(kJamulusFile, t0, 149);
    ASSERT_EQ(p.servers.size(), 2u);
    // Newest first in the file, so the last line is the first registered server.
    EXPECT_EQ(p.servers[0].name, "Pub Server");
    EXPECT_EQ(p.servers[0].city, "Paris");
    EXPECT_EQ(p.servers[0].country, 74);
    EXPECT_EQ(p.servers[0].maxClients, 12);
    EXPECT_EQ(formatEndpoint(p.servers[0].source), "127.0.0.1:22780");
    EXPECT_EQ(formatEndpoint(p.servers[0].internal), "203.0.113.5:22780");
    EXPECT_EQ(p.servers[1].name, "Reg One");
    EXPECT_EQ(p.servers[1].refreshedAt, t0);
    EXPECT_EQ(p.lines,
              (Lines{"Loading registration for 127.0.0.1:22770 (198.51.100.7:22770): Reg One",
                     "Loading registration for 127.0.0.1:22780 (203.0.113.5:22780): Pub Server"}));
}

TEST(ServerListFile, WritesTheSameBytesJamulusWrites) {
    const ParsedServerListFile p = parseServerListFile(kJamulusFile, t0, 149);
    EXPECT_EQ(formatServerListFile(p.servers), kJamulusFile);
    EXPECT_EQ(formatServerListFile({}), "");
}

TEST(ServerListFile, BadLinesAreSkippedAndBadFieldsGetDefaults) {
    const std::string text =
        "garbage line\n"
        "999.0.0.1:1;1.2.3.4:1;QQ==;QQ==;1;1;0\n"
        "127.0.0.1:22770;1.2.3.4:0;QQ==;Qg==;9999;many;1\n"
        "127.0.0.1:22770;1.2.3.4:5;QQ==;Qg==;1;1;0\n"
        "\n";
    const ParsedServerListFile p = parseServerListFile(text, t0, 149);
    ASSERT_EQ(p.servers.size(), 1u);
    const RegisteredServer& s = p.servers[0];
    EXPECT_EQ(s.internal.port, 22770);  // port 0 means "same as the source"
    EXPECT_EQ(s.country, 0);            // invalid country
    EXPECT_EQ(s.maxClients, 10);        // unparsable max clients
    EXPECT_EQ(s.permanent, 1);
    EXPECT_EQ(s.name, "A");
    EXPECT_EQ(s.city, "B");
    EXPECT_EQ(p.lines[0], "Could not parse 'garbage line' successfully - bad line");
    EXPECT_EQ(p.lines[1], "Skipping '999.0.0.1:1;1.2.3.4:1;QQ==;QQ==;1;1;0' - invalid host");
    EXPECT_EQ(p.lines[3],
              "Skipping '127.0.0.1:22770;1.2.3.4:5;QQ==;Qg==;1;1;0' - duplicate host "
              "127.0.0.1:22770");
}

TEST(ServerListFile, LongNamesAreCutAndTheListIsCapped) {
    std::string text;
    for (int i = 0; i < 3; ++i) {
        text += "127.0.0.1:" + std::to_string(1000 + i) + ";127.0.0.1:1;" +
                base64Encode("A name that is much too long") + ";;0;10;0\n";
    }
    const ParsedServerListFile p = parseServerListFile(text, t0, 2);
    ASSERT_EQ(p.servers.size(), 2u);
    EXPECT_EQ(p.servers[0].name, "A name that is much ");
}

class TempDir : public testing::Test {
  protected:
    void SetUp() override {
        char pattern[] = "/tmp/tutti-dirfile-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string dir_;
};

TEST_F(TempDir, AtomicWriteReplacesTheFileAndLeavesNoTemporary) {
    const std::string path = dir_ + "/list.txt";
    ASSERT_EQ(writeFileAtomically(path, "one\n"), "");
    ASSERT_EQ(writeFileAtomically(path, kJamulusFile), "");
    std::string content;
    ASSERT_TRUE(readWholeFile(path, content));
    EXPECT_EQ(content, kJamulusFile);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_),
                            std::filesystem::directory_iterator()),
              1);
}

TEST_F(TempDir, StartupCheckCreatesAMissingFileAndRefusesDirectories) {
    const std::string path = dir_ + "/new.txt";
    EXPECT_EQ(prepareServerListFile(path), "");
    EXPECT_TRUE(std::filesystem::is_regular_file(path));
    EXPECT_EQ(prepareServerListFile(dir_),
              "Server list file " + dir_ + " must be a plain file.  Please check the name.");
    EXPECT_EQ(prepareServerListFile(dir_ + "/missing/x.txt"),
              "Cannot create " + dir_ +
                  "/missing/x.txt for reading and writing.  Please check "
                  "permissions.");
}

}  // namespace
}  // namespace tutti::directory
