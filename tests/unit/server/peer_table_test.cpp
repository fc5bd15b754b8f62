#include "src/net/peer_table.h"

#include <gtest/gtest.h>

namespace tutti::net {
namespace {

TEST(PeerTable, BindFindUnbind) {
    PeerTable t;
    const auto a = PeerAddress::fromIpv4(0x7F000001, 1000);
    const auto b = PeerAddress::fromIpv4(0x7F000001, 1001);
    EXPECT_EQ(t.find(a), PeerTable::kNone);
    t.bind(3, a);
    t.bind(0, b);
    EXPECT_EQ(t.find(a), 3);
    EXPECT_EQ(t.find(b), 0);
    t.unbind(3);
    EXPECT_EQ(t.find(a), PeerTable::kNone);
    EXPECT_EQ(t.find(b), 0);
    EXPECT_EQ(t.size(), 1u);
}

TEST(PeerTable, SurvivesManyRebindsWithoutLosingEntries) {
    PeerTable t;
    for (int round = 0; round < 50; ++round) {
        for (int s = 0; s < 150; ++s) {
            t.bind(s, PeerAddress::fromIpv4(0x0A000000 + round, static_cast<uint16_t>(2000 + s)));
        }
        for (int s = 0; s < 150; ++s) {
            ASSERT_EQ(
                t.find(PeerAddress::fromIpv4(0x0A000000 + round, static_cast<uint16_t>(2000 + s))),
                s);
        }
        for (int s = 0; s < 150; s += 2) {
            t.unbind(s);
        }
    }
    EXPECT_EQ(t.size(), 75u);
}

TEST(PeerAddress, MappedIpv4ComparesAndPrintsAsIpv4) {
    const auto v4 = PeerAddress::fromIpv4(0x7F000001, 22124);
    const auto mapped = v4.forSocketFamily(AF_INET6);
    EXPECT_EQ(mapped.family(), AF_INET6);
    EXPECT_EQ(mapped.ipText(), "127.0.0.1");
    EXPECT_EQ(mapped.port(), 22124);
    EXPECT_TRUE(mapped.forSocketFamily(AF_INET) == v4);
    PeerAddress v6;
    ASSERT_TRUE(PeerAddress::parse("::1", 5, v6));
    EXPECT_EQ(v6.toString(), "[::1]:5");
    EXPECT_FALSE(v6.forSocketFamily(AF_INET).valid());
}

}  // namespace
}  // namespace tutti::net
