#include "src/admin/address_pattern.h"

#include <gtest/gtest.h>

namespace tutti::admin {
namespace {

bool matches(const std::string& pattern, const std::string& ip) {
    const auto p = AddressPattern::parse(pattern);
    const auto a = parseIp(ip);
    EXPECT_TRUE(p.has_value()) << pattern;
    EXPECT_TRUE(a.has_value()) << ip;
    return p && a && p->matches(*a);
}

TEST(AddressPattern, SingleIpv4HostMatchesOnlyItself) {
    EXPECT_TRUE(matches("192.0.2.7", "192.0.2.7"));
    EXPECT_FALSE(matches("192.0.2.7", "192.0.2.8"));
    EXPECT_TRUE(matches("192.0.2.7/32", "192.0.2.7"));
}

TEST(AddressPattern, Ipv4CidrMatchesItsBlockOnly) {
    EXPECT_TRUE(matches("10.0.0.0/8", "10.255.1.2"));
    EXPECT_FALSE(matches("10.0.0.0/8", "11.0.0.1"));
    EXPECT_TRUE(matches("192.168.4.0/22", "192.168.7.255"));
    EXPECT_FALSE(matches("192.168.4.0/22", "192.168.8.0"));
    EXPECT_TRUE(matches("0.0.0.0/0", "203.0.113.9"));
    // /0 of IPv4 is every IPv4 address, not every IPv6 one.
    EXPECT_FALSE(matches("0.0.0.0/0", "2001:db8::1"));
}

TEST(AddressPattern, Ipv6HostsAndBlocks) {
    EXPECT_TRUE(matches("::1", "::1"));
    EXPECT_FALSE(matches("::1", "::2"));
    EXPECT_TRUE(matches("2001:db8::/32", "2001:db8:ffff::1"));
    EXPECT_FALSE(matches("2001:db8::/32", "2001:db9::1"));
    EXPECT_TRUE(matches("fe80::/10", "febf::1"));
    EXPECT_FALSE(matches("fe80::/10", "fec0::1"));
}

TEST(AddressPattern, MappedIpv4ClientsMatchPlainIpv4Rules) {
    EXPECT_TRUE(matches("127.0.0.0/8", "::ffff:127.0.0.1"));
    EXPECT_TRUE(matches("::ffff:10.1.2.3", "10.1.2.3"));
}

TEST(AddressPattern, NormalisesItsText) {
    EXPECT_EQ(AddressPattern::parse("10.1.2.3/8")->text(), "10.0.0.0/8");
    EXPECT_EQ(AddressPattern::parse("192.0.2.7/32")->text(), "192.0.2.7");
    EXPECT_EQ(AddressPattern::parse("2001:DB8:0:0::1/128")->text(), "2001:db8::1");
    EXPECT_EQ(AddressPattern::parse("2001:db8:1:2::/32")->text(), "2001:db8::/32");
    EXPECT_EQ(AddressPattern::parse("::ffff:1.2.3.4")->text(), "1.2.3.4");
}

TEST(AddressPattern, RefusesWhatIsNoAddressOrBlock) {
    for (const char* bad :
         {"", "1.2.3", "1.2.3.4/33", "::1/129", "1.2.3.4/", "1.2.3.4/x", "1.2.3.4/8x",
          "host.example", "1.2.3.4:22124", " 1.2.3.4", "1.2.3.4/-1", "[::1]"}) {
        EXPECT_FALSE(AddressPattern::parse(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace tutti::admin

namespace tutti::admin {
namespace {

TEST(AddressPattern, WithinAnotherBlock) {
    const auto loopback = *AddressPattern::parse("127.0.0.0/8");
    EXPECT_TRUE(AddressPattern::parse("127.0.0.1")->within(loopback));
    EXPECT_TRUE(AddressPattern::parse("127.1.0.0/16")->within(loopback));
    EXPECT_TRUE(loopback.within(loopback));
    EXPECT_FALSE(AddressPattern::parse("127.0.0.0/7")->within(loopback));
    EXPECT_FALSE(AddressPattern::parse("10.0.0.1")->within(loopback));
    EXPECT_FALSE(AddressPattern::parse("::1")->within(loopback));
    EXPECT_TRUE(AddressPattern::parse("::1")->within(*AddressPattern::parse("::1")));
    EXPECT_FALSE(AddressPattern::parse("::/0")->within(*AddressPattern::parse("::1")));
}

}  // namespace
}  // namespace tutti::admin
