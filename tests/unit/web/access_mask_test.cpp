#include "src/web/access_mask.h"

#include <gtest/gtest.h>

namespace tutti::web {
namespace {

AccessMask parsed(const std::string& text) {
    std::string error;
    const std::optional<AccessMask> mask = AccessMask::parse(text, error);
    EXPECT_TRUE(mask.has_value()) << text << ": " << error;
    return mask.value_or(AccessMask::loopbackOnly());
}

TEST(AccessMask, DefaultIsLoopbackOnly) {
    const AccessMask m = AccessMask::loopbackOnly();
    EXPECT_TRUE(m.allows("127.0.0.1"));
    EXPECT_TRUE(m.allows("127.3.4.5"));
    EXPECT_TRUE(m.allows("::1"));
    EXPECT_TRUE(m.allows("::ffff:127.0.0.1"));  // how a dual-stack socket reports IPv4 peers
    EXPECT_FALSE(m.allows("192.168.1.2"));
    EXPECT_FALSE(m.allows("::2"));
    EXPECT_TRUE(m.loopbackOnlyRules());
}

TEST(AccessMask, Ipv4Cidr) {
    const AccessMask m = parsed("192.168.1.0/24, 10.0.0.7");
    EXPECT_TRUE(m.allows("192.168.1.0"));
    EXPECT_TRUE(m.allows("192.168.1.255"));
    EXPECT_FALSE(m.allows("192.168.2.1"));
    EXPECT_TRUE(m.allows("10.0.0.7"));
    EXPECT_FALSE(m.allows("10.0.0.8"));
    EXPECT_TRUE(m.allows("::ffff:192.168.1.9"));
    EXPECT_FALSE(m.allows("127.0.0.1"));  // the mask is exactly what it says
    EXPECT_FALSE(m.loopbackOnlyRules());
}

TEST(AccessMask, OddPrefixLengths) {
    const AccessMask m = parsed("172.16.0.0/12,0.0.0.0/0");
    EXPECT_TRUE(m.allows("8.8.8.8"));
    const AccessMask n = parsed("172.16.0.0/12");
    EXPECT_TRUE(n.allows("172.31.255.255"));
    EXPECT_FALSE(n.allows("172.32.0.0"));
}

TEST(AccessMask, Ipv6Cidr) {
    const AccessMask m = parsed("2001:db8::/32,fe80::1");
    EXPECT_TRUE(m.allows("2001:db8:1234::5"));
    EXPECT_FALSE(m.allows("2001:db9::1"));
    EXPECT_TRUE(m.allows("fe80::1%eth0"));
    EXPECT_FALSE(m.allows("fe80::2"));
    EXPECT_FALSE(m.allows("192.0.2.1"));
    EXPECT_EQ(m.describe(), "2001:db8::/32,fe80::1");
}

TEST(AccessMask, LoopbackRulesKeepTheListenerOnLoopback) {
    EXPECT_TRUE(parsed("127.0.0.1,::1").loopbackOnlyRules());
    EXPECT_FALSE(parsed("127.0.0.1,::/0").loopbackOnlyRules());
    EXPECT_FALSE(parsed("0.0.0.0/0").loopbackOnlyRules());
}

TEST(AccessMask, RefusesGarbage) {
    for (const char* bad : {"", " , ", "localhost", "1.2.3.4/33", "::1/129", "1.2.3.4/", "1.2.3/8",
                            "1.2.3.4/-1", "1.2.3.4/8x", "10.0.0.0/8,nonsense"}) {
        std::string error;
        EXPECT_FALSE(AccessMask::parse(bad, error).has_value()) << bad;
        EXPECT_FALSE(error.empty()) << bad;
    }
    EXPECT_FALSE(AccessMask::loopbackOnly().allows("not an address"));
}

}  // namespace
}  // namespace tutti::web
