#include <gtest/gtest.h>

#include "src/app/options_number.h"

namespace tutti::app {
namespace {

TEST(ParseNumericArgument, AcceptsWhatStrtodReadsCompletely) {
    EXPECT_EQ(parseNumericArgument("42", 0, 100), 42);
    EXPECT_EQ(parseNumericArgument("0x2A", 0, 100), 42);
    EXPECT_EQ(parseNumericArgument("0X2a", 0, 100), 42);
    EXPECT_EQ(parseNumericArgument("4.2e1", 0, 100), 42);
    EXPECT_EQ(parseNumericArgument("  \n42", 0, 100), 42);
    EXPECT_EQ(parseNumericArgument("+42", 0, 100), 42);
    EXPECT_EQ(parseNumericArgument("", 0, 100), 0);
}

TEST(ParseNumericArgument, RejectsLeftovers) {
    EXPECT_EQ(parseNumericArgument("42 ", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("42x", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("abc", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("4,2", 0, 100), std::nullopt);
}

TEST(ParseNumericArgument, ChecksRangeBeforeTruncating) {
    EXPECT_EQ(parseNumericArgument("99.99", 0, 100), 99);
    EXPECT_EQ(parseNumericArgument("100", 0, 100), 100);
    EXPECT_EQ(parseNumericArgument("100.01", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("0.5", 1, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("-0.5", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("-7.9", -10, 10), -7);  // toward zero, not down
}

TEST(ParseNumericArgument, RejectsNonFiniteValues) {
    EXPECT_EQ(parseNumericArgument("nan", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("inf", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("-infinity", 0, 100), std::nullopt);
    EXPECT_EQ(parseNumericArgument("1e999", 0, 100), std::nullopt);
}

}  // namespace
}  // namespace tutti::app
