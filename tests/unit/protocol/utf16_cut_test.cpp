#include "protocol/utf16_length.h"

#include <gtest/gtest.h>

namespace tutti::protocol {
namespace {

TEST(Utf16Cut, CountsUtf16Units) {
    EXPECT_EQ(utf16Length(""), 0u);
    EXPECT_EQ(utf16Length("abc"), 3u);
    EXPECT_EQ(utf16Length("\xC3\xA4"), 1u);          // ä
    EXPECT_EQ(utf16Length("\xE2\x82\xAC"), 1u);      // €
    EXPECT_EQ(utf16Length("\xF0\x9F\x8E\xB8"), 2u);  // 🎸, a surrogate pair
    EXPECT_EQ(utf16Length("\xFF"), 1u);              // malformed
}

TEST(Utf16Cut, NeverCutsACodePoint) {
    EXPECT_EQ(cutToUtf16Length("abcdef", 3), "abc");
    EXPECT_EQ(cutToUtf16Length("ab", 3), "ab");
    EXPECT_EQ(cutToUtf16Length("a\xC3\xA4"
                               "b",
                               2),
              "a\xC3\xA4");
    // The guitar needs two units; with one left it is dropped whole.
    EXPECT_EQ(cutToUtf16Length("ab\xF0\x9F\x8E\xB8", 3), "ab");
    EXPECT_EQ(cutToUtf16Length("ab\xF0\x9F\x8E\xB8", 4), "ab\xF0\x9F\x8E\xB8");
    EXPECT_EQ(cutToUtf16Length("abc", 0), "");
}

}  // namespace
}  // namespace tutti::protocol
