#include "src/directory/list_filter.h"

#include <gtest/gtest.h>

namespace tutti::directory {
namespace {

using Lines = std::vector<std::string>;

TEST(VersionCompare, ComparesLeadingNumbersComponentWise) {
    EXPECT_EQ(versionNumbers("3.11.0-tutti-0.1.0"), (std::vector<uint32_t>{3, 11, 0}));
    EXPECT_EQ(versionNumbers("3.12.4dev"), (std::vector<uint32_t>{3, 12, 4}));
    EXPECT_TRUE(versionAtLeast("3.9.1", {3, 9, 1}));
    EXPECT_TRUE(versionAtLeast("3.10.0", {3, 9, 1}));
    EXPECT_FALSE(versionAtLeast("3.9.1", {3, 10, 0}));
    EXPECT_TRUE(versionAtLeast("3.10", {3, 10, 0}));
    EXPECT_FALSE(versionAtLeast("3.9.1", {9, 0, 0}));
    EXPECT_FALSE(versionAtLeast("", {3}));
}

TEST(ListFilter, AllowListAndMinimumVersionWithJamulusMessages) {
    const ParsedListFilter p = parseListFilter("127.0.0.2;[3.10.0];;bogus;10.1.2.3");
    EXPECT_EQ(p.filter.minimumVersion, (std::vector<uint32_t>{3, 10, 0}));
    EXPECT_EQ(p.filter.allowedIps, (std::vector<uint32_t>{0x7F000002, 0x0A010203}));
    EXPECT_EQ(p.lines,
              (Lines{"There is empty entry in the server list filter that will be ignored",
                     "bogus is not a valid server list filter entry. Only plain IP addresses are "
                     "supported",
                     "Registering servers must be version \"3.10.0\" or later.",
                     "Directory registration white list active.  Only the following addresses "
                     "can register:",
                     "  - \"127.0.0.2\"", "  - \"10.1.2.3\""}));
    EXPECT_TRUE(p.filter.allows(0x7F000002));
    EXPECT_FALSE(p.filter.allows(0x7F000001));
}

TEST(ListFilter, EmptyAllowListAllowsEveryone) {
    const ParsedListFilter p = parseListFilter("[3.6.0]");
    EXPECT_TRUE(p.filter.allows(0x01020304));
    EXPECT_TRUE(p.filter.hasMinimumVersion());
}

}  // namespace
}  // namespace tutti::directory
