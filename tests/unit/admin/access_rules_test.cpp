#include "src/admin/access_rules.h"

#include <gtest/gtest.h>

namespace tutti::admin {
namespace {

control::AddressRule rule(const std::string& pattern, int64_t expiresAt = 0) {
    control::AddressRule r;
    r.pattern = pattern;
    r.reason = "test";
    r.expiresAt = expiresAt;
    return r;
}

TEST(AccessRules, EveryoneIsAdmittedWithoutRules) {
    AccessRules rules;
    EXPECT_EQ(rules.check("192.0.2.1", 1000), Verdict::Admit);
    EXPECT_EQ(rules.check("::1", 1000), Verdict::Admit);
}

TEST(AccessRules, BansRefuseTheirAddressesUntilTheyExpire) {
    AccessRules rules;
    rules.setBans({rule("192.0.2.0/24", 2000), rule("2001:db8::/32")});
    EXPECT_EQ(rules.check("192.0.2.77", 1999), Verdict::Banned);
    EXPECT_EQ(rules.check("192.0.2.77", 2000), Verdict::Admit);  // expired at 2000
    EXPECT_EQ(rules.check("198.51.100.1", 1000), Verdict::Admit);
    EXPECT_EQ(rules.check("2001:db8::5", 99999999), Verdict::Banned);  // never expires
    EXPECT_EQ(rules.bans(1000).size(), 2u);
    EXPECT_EQ(rules.bans(2000).size(), 1u);
}

TEST(AccessRules, BadHandEditedPatternsAreReportedAndLeftOut) {
    AccessRules rules;
    const auto rejected = rules.setBans({rule("not an address"), rule("10.9.9.9/8")});
    ASSERT_EQ(rejected.size(), 1u);
    EXPECT_EQ(rejected[0].pattern, "not an address");
    ASSERT_EQ(rules.bans(0).size(), 1u);
    EXPECT_EQ(rules.bans(0)[0].pattern, "10.0.0.0/8");  // stored normalised
}

TEST(AccessRules, AllowlistAdmitsOnlyListedHostsWhileOn) {
    AccessRules rules;
    rules.setAllowlist({rule("127.0.0.0/8"), rule("::1")});
    EXPECT_EQ(rules.check("192.0.2.1", 0), Verdict::Admit);  // off: everyone
    rules.setAllowlistEnabled(true);
    EXPECT_EQ(rules.check("127.0.0.1", 0), Verdict::Admit);
    EXPECT_EQ(rules.check("::1", 0), Verdict::Admit);
    EXPECT_EQ(rules.check("192.0.2.1", 0), Verdict::NotAllowed);
    EXPECT_EQ(rules.check("garbage", 0), Verdict::NotAllowed);
}

TEST(AccessRules, ABanWinsOverTheAllowlist) {
    AccessRules rules;
    rules.setAllowlist({rule("127.0.0.0/8")});
    rules.setAllowlistEnabled(true);
    rules.setBans({rule("127.0.0.2")});
    EXPECT_EQ(rules.check("127.0.0.2", 0), Verdict::Banned);
    EXPECT_EQ(rules.check("127.0.0.3", 0), Verdict::Admit);
}

}  // namespace
}  // namespace tutti::admin
