#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "src/app/options_welcome.h"

namespace tutti::app {
namespace {

namespace fs = std::filesystem;

// Counts UTF-16 units of valid UTF-8 the independent way: by lead bytes.
std::size_t utf16Units(std::string_view utf8) {
    std::size_t units = 0;
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80) {
            units += byte >= 0xF0 ? 2 : 1;
        }
    }
    return units;
}

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) {
        out += piece;
    }
    return out;
}

class WelcomeFile : public testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("tutti_welcome_test_" + std::to_string(::getpid()) + "_" +
                testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::permissions(file(), fs::perms::owner_all, ignored);
        fs::remove_all(dir_, ignored);
    }
    std::string file() const { return (dir_ / "welcome.html").string(); }
    void write(std::string_view content) const {
        std::ofstream(file(), std::ios::binary) << content;
    }

    fs::path dir_;
};

TEST(ResolveWelcomeMessage, EmptyMeansNone) {
    EXPECT_EQ(resolveWelcomeMessage(""), "");
}

TEST(ResolveWelcomeMessage, LiteralText) {
    EXPECT_EQ(resolveWelcomeMessage("Hi <b>all</b>"), "Hi <b>all</b>");
    EXPECT_EQ(resolveWelcomeMessage("/no/such/file.html"), "/no/such/file.html");
}

TEST_F(WelcomeFile, WholeFileIsUsed) {
    write("line one\nline <i>two</i>\n\nend");
    EXPECT_EQ(resolveWelcomeMessage(file()), "line one\nline <i>two</i>\n\nend");
}

TEST_F(WelcomeFile, RelativeToWorkingDirectory) {
    write("relative");
    const fs::path before = fs::current_path();
    fs::current_path(dir_);
    const std::string message = resolveWelcomeMessage("welcome.html");
    fs::current_path(before);
    EXPECT_EQ(message, "relative");
}

TEST_F(WelcomeFile, ReadAsUtf8Text) {
    write(
        "\xEF\xBB\xBFGr\xC3\xBC\xC3\x9F"
        "e\r\nzwei\r\n");
    EXPECT_EQ(resolveWelcomeMessage(file()),
              "Gr\xC3\xBC\xC3\x9F"
              "e\nzwei\n");
}

TEST_F(WelcomeFile, EmptyFileMeansNone) {
    write("");
    EXPECT_EQ(resolveWelcomeMessage(file()), "");
}

TEST_F(WelcomeFile, DirectoryIsTakenLiterally) {
    EXPECT_EQ(resolveWelcomeMessage(dir_.string()), dir_.string());
}

TEST_F(WelcomeFile, UnreadableFileIsTakenLiterally) {
    write("secret");
    fs::permissions(file(), fs::perms::none);
    if (std::ifstream(file()).good()) {
        GTEST_SKIP() << "running with privileges that read any file";
    }
    EXPECT_EQ(resolveWelcomeMessage(file()), file());
}

TEST_F(WelcomeFile, LongFileIsCut) {
    write(repeat("x", 5000));
    EXPECT_EQ(resolveWelcomeMessage(file()), repeat("x", 1600));
}

TEST(ResolveWelcomeMessage, CutTo1600Utf16Units) {
    EXPECT_EQ(resolveWelcomeMessage(repeat("a", 1600)), repeat("a", 1600));
    EXPECT_EQ(resolveWelcomeMessage(repeat("a", 1601)), repeat("a", 1600));
    // Two- and three-byte characters are one UTF-16 unit each.
    EXPECT_EQ(resolveWelcomeMessage(repeat("\xC3\xA9", 2000)), repeat("\xC3\xA9", 1600));
    EXPECT_EQ(resolveWelcomeMessage(repeat("\xE2\x82\xAC", 2000)), repeat("\xE2\x82\xAC", 1600));
    // Four-byte characters are a surrogate pair: two units.
    const std::string emoji = "\xF0\x9F\x98\x80";
    EXPECT_EQ(resolveWelcomeMessage(repeat(emoji, 1000)), repeat(emoji, 800));
}

TEST(ResolveWelcomeMessage, NeverSplitsASurrogatePair) {
    const std::string emoji = "\xF0\x9F\x8E\xB8";
    const std::string message = resolveWelcomeMessage("a" + repeat(emoji, 800));
    EXPECT_EQ(message, "a" + repeat(emoji, 799));
    EXPECT_EQ(utf16Units(message), 1599u);
}

TEST(ResolveWelcomeMessage, MixedTextEndsOnACharacterBoundary) {
    const std::string piece = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // 1+1+1+2 units
    for (std::size_t prefix = 0; prefix < 5; ++prefix) {
        const std::string input = repeat("b", prefix) + repeat(piece, 500);
        const std::string message = resolveWelcomeMessage(input);
        EXPECT_TRUE(input.starts_with(message));
        EXPECT_LE(utf16Units(message), 1600u);
        EXPECT_GE(utf16Units(message), 1599u);
        EXPECT_NE(static_cast<unsigned char>(input[message.size()]) & 0xC0, 0x80);
    }
}

TEST(TruncateToUtf16Units, ShortTextUnchanged) {
    EXPECT_EQ(truncateToUtf16Units("", 3), "");
    EXPECT_EQ(truncateToUtf16Units("abc", 3), "abc");
    EXPECT_EQ(truncateToUtf16Units("abc", 0), "");
    EXPECT_EQ(truncateToUtf16Units("\xF0\x9F\x98\x80", 1), "");
    EXPECT_EQ(truncateToUtf16Units("\xF0\x9F\x98\x80", 2), "\xF0\x9F\x98\x80");
}

TEST(TruncateToUtf16Units, MalformedBytesBecomeReplacementCharacters) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(truncateToUtf16Units("a\xFF"
                                   "b",
                                   10),
              "a" + fffd + "b");
    EXPECT_EQ(truncateToUtf16Units("a\x80", 10), "a" + fffd);
    // A cut-off sequence is one replacement, not one per byte.
    EXPECT_EQ(truncateToUtf16Units("a\xE2\x82", 10), "a" + fffd);
    EXPECT_EQ(truncateToUtf16Units("\xE2\x82"
                                   "b",
                                   10),
              fffd + "b");
    // Overlong forms and encoded surrogates are not characters.
    EXPECT_EQ(truncateToUtf16Units("\xC0\xAF", 10), fffd + fffd);
    EXPECT_EQ(truncateToUtf16Units("\xED\xA0\x80", 10), fffd + fffd + fffd);
    EXPECT_EQ(truncateToUtf16Units("\xF4\x90\x80\x80", 10), repeat(fffd, 4));
    // Each replacement counts as one unit.
    EXPECT_EQ(truncateToUtf16Units("\xFF\xFF\xFF", 2), fffd + fffd);
}

}  // namespace
}  // namespace tutti::app
