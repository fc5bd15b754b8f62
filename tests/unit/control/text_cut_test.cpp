#include "src/control/text_cut.h"

#include <gtest/gtest.h>

namespace tutti::control {
namespace {

TEST(TextCut, CountsUtf16Units) {
    EXPECT_EQ(utf16Units(""), 0u);
    EXPECT_EQ(utf16Units("abc"), 3u);
    EXPECT_EQ(utf16Units("\xC3\xA4"), 1u);          // ä
    EXPECT_EQ(utf16Units("\xE2\x82\xAC"), 1u);      // €
    EXPECT_EQ(utf16Units("\xF0\x9F\x8E\xB8"), 2u);  // 🎸, a surrogate pair
    EXPECT_EQ(utf16Units("\xFF"), 1u);              // malformed
}

TEST(TextCut, NeverCutsACodePoint) {
    EXPECT_EQ(cutToUtf16Units("abcdef", 3), "abc");
    EXPECT_EQ(cutToUtf16Units("ab", 3), "ab");
    EXPECT_EQ(cutToUtf16Units("a\xC3\xA4"
                              "b",
                              2),
              "a\xC3\xA4");
    // The guitar needs two units; with one left it is dropped whole.
    EXPECT_EQ(cutToUtf16Units("ab\xF0\x9F\x8E\xB8", 3), "ab");
    EXPECT_EQ(cutToUtf16Units("ab\xF0\x9F\x8E\xB8", 4), "ab\xF0\x9F\x8E\xB8");
    EXPECT_EQ(cutToUtf16Units("abc", 0), "");
}

}  // namespace
}  // namespace tutti::control
