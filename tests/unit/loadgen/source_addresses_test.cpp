#include "tools/loadgen/source_addresses.h"

#include <gtest/gtest.h>

#include <set>

namespace tutti::loadgen {
namespace {

TEST(SourceAddresses, FirstClientsAreConsecutiveLoopbackHosts) {
    EXPECT_EQ(sourceAddressOf(0), 0x7F000002u);    // 127.0.0.2
    EXPECT_EQ(sourceAddressOf(1), 0x7F000003u);    // 127.0.0.3
    EXPECT_EQ(sourceAddressOf(249), 0x7F0000FBu);  // 127.0.0.251
    EXPECT_EQ(sourceAddressOf(250), 0x7F000102u);  // 127.0.1.2
}

TEST(SourceAddresses, EveryClientMapsBackToItselfAndNoAddressRepeats) {
    std::set<std::uint32_t> seen;
    const int clients = 1000;
    for (int i = 0; i < clients; ++i) {
        const std::uint32_t ip = sourceAddressOf(i);
        EXPECT_TRUE(seen.insert(ip).second) << i;
        EXPECT_NE(ip, 0x7F000001u);
        const std::uint32_t host = ip & 0xffu;
        EXPECT_GE(host, 2u);
        EXPECT_LE(host, 251u);
        EXPECT_EQ(clientOfSourceAddress(ip, clients), i);
    }
    EXPECT_EQ(clientOfSourceAddress(sourceAddressOf(kMaxSourceAddresses - 1), kMaxSourceAddresses),
              kMaxSourceAddresses - 1);
}

TEST(SourceAddresses, StrangersAreNoClient) {
    EXPECT_FALSE(clientOfSourceAddress(0x7F000001u, 100));         // 127.0.0.1
    EXPECT_FALSE(clientOfSourceAddress(sourceAddressOf(10), 10));  // one past the last client
    EXPECT_FALSE(clientOfSourceAddress(0x7F020001u, 100));         // tools/flood's 127.2.0.1
    EXPECT_FALSE(clientOfSourceAddress(0x7F0000FFu, 100000));      // 127.0.0.255
    EXPECT_FALSE(clientOfSourceAddress(0xC0A80002u, 100));         // 192.168.0.2
}

}  // namespace
}  // namespace tutti::loadgen
