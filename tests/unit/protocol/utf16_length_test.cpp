#include "protocol/utf16_length.h"

#include <gtest/gtest.h>

#include <string>

namespace tutti::protocol {
namespace {

TEST(Utf16Length, AsciiIsOneUnitPerByte) {
    EXPECT_EQ(utf16Length(""), 0u);
    EXPECT_EQ(utf16Length("Alice"), 5u);
}

TEST(Utf16Length, MultiByteSequencesAreOneUnit) {
    EXPECT_EQ(utf16Length("\xC3\xA4"), 1u);            // U+00E4
    EXPECT_EQ(utf16Length("Gr\xC3\xBC\xC3\x9F"), 4u);  // "Grüß"
    EXPECT_EQ(utf16Length("\xE2\x82\xAC"), 1u);        // U+20AC euro sign
}

TEST(Utf16Length, AstralCodePointsNeedASurrogatePair) {
    EXPECT_EQ(utf16Length("\xF0\x9F\x8E\xB5"), 2u);  // U+1F3B5 musical note
}

TEST(Utf16Length, InvalidBytesCountOneReplacementEach) {
    EXPECT_EQ(utf16Length("\xFF"), 1u);
    EXPECT_EQ(utf16Length("\x80\x80"), 2u);          // stray continuation bytes
    EXPECT_EQ(utf16Length("\xC3"), 1u);              // truncated sequence
    EXPECT_EQ(utf16Length("\xC0\xAF"), 2u);          // overlong '/'
    EXPECT_EQ(utf16Length("\xED\xA0\x80"), 3u);      // encoded surrogate
    EXPECT_EQ(utf16Length("\xF4\x90\x80\x80"), 4u);  // beyond U+10FFFF
    EXPECT_EQ(utf16Length("a\xE2\x82z"), 4u);        // broken 3-byte sequence
}

}  // namespace
}  // namespace tutti::protocol
