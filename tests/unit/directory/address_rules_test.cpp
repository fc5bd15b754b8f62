#include "src/directory/address_rules.h"

#include <gtest/gtest.h>

namespace tutti::directory {
namespace {

constexpr uint32_t ip(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
}

TEST(AddressRules, PrivateRangesAreExactlyTheFourOfTheSpec) {
    EXPECT_TRUE(isPrivateIpv4(ip(10, 0, 0, 1)));
    EXPECT_TRUE(isPrivateIpv4(ip(127, 0, 0, 1)));
    EXPECT_TRUE(isPrivateIpv4(ip(172, 16, 0, 1)));
    EXPECT_TRUE(isPrivateIpv4(ip(172, 31, 255, 255)));
    EXPECT_TRUE(isPrivateIpv4(ip(192, 168, 1, 1)));
    EXPECT_FALSE(isPrivateIpv4(ip(172, 15, 255, 255)));
    EXPECT_FALSE(isPrivateIpv4(ip(172, 32, 0, 0)));
    EXPECT_FALSE(isPrivateIpv4(ip(100, 64, 0, 1)));   // carrier-grade NAT counts as public
    EXPECT_FALSE(isPrivateIpv4(ip(169, 254, 1, 1)));  // link-local too
    EXPECT_FALSE(isPrivateIpv4(ip(192, 169, 0, 1)));
    EXPECT_FALSE(isPrivateIpv4(ip(11, 0, 0, 1)));
    EXPECT_FALSE(isPrivateIpv4(ip(203, 0, 113, 5)));
}

const Ipv4Endpoint kPublicServer{ip(203, 0, 113, 5), 22124};
const Ipv4Endpoint kPublicServerInternal{ip(192, 168, 1, 10), 22124};
const Ipv4Endpoint kPrivateServer{ip(192, 168, 1, 20), 22130};
const Ipv4Endpoint kPrivateServerInternal{ip(203, 0, 113, 9), 22131};

TEST(AddressRules, ClientOnAPrivateNetworkAlwaysGetsTheSourceAddress) {
    EXPECT_EQ(listedAddress(kPublicServer, kPublicServerInternal, ip(10, 1, 1, 1)), kPublicServer);
    EXPECT_EQ(listedAddress(kPrivateServer, kPrivateServerInternal, ip(192, 168, 1, 5)),
              kPrivateServer);
    EXPECT_EQ(listedAddress(kPublicServer, kPublicServerInternal, ip(127, 0, 0, 1)), kPublicServer);
}

TEST(AddressRules, PublicClientSeesAPublicServerAtItsSourceUnlessTheyShareTheIp) {
    EXPECT_EQ(listedAddress(kPublicServer, kPublicServerInternal, ip(198, 51, 100, 7)),
              kPublicServer);
    // Same public IP: both behind one NAT, so the LAN address is the one that works.
    EXPECT_EQ(listedAddress(kPublicServer, kPublicServerInternal, kPublicServer.ip),
              kPublicServerInternal);
}

TEST(AddressRules, PublicClientSeesAPrivateServerAtItsInternalAddress) {
    // A server behind the directory's NAT announces its public address with --serverpublicip.
    EXPECT_EQ(listedAddress(kPrivateServer, kPrivateServerInternal, ip(198, 51, 100, 7)),
              kPrivateServerInternal);
}

TEST(AddressRules, OnlyPublicServersGetHolePunchRequests) {
    EXPECT_TRUE(needsHolePunch(kPublicServer));
    EXPECT_FALSE(needsHolePunch(kPrivateServer));
    EXPECT_FALSE(needsHolePunch({ip(127, 0, 0, 1), 22124}));
}

TEST(AddressRules, HolePunchTargetIsTheClientUnlessALanClientMeetsAPublicDirectory) {
    const Ipv4Endpoint publicClient{ip(198, 51, 100, 7), 22134};
    const Ipv4Endpoint lanClient{ip(192, 168, 1, 5), 22183};
    EXPECT_EQ(holePunchTarget(publicClient, ip(203, 0, 113, 1)), publicClient);
    EXPECT_EQ(holePunchTarget(lanClient, ip(203, 0, 113, 1)),
              (Ipv4Endpoint{ip(203, 0, 113, 1), 22183}));
    EXPECT_EQ(holePunchTarget(lanClient, ip(192, 168, 1, 2)), lanClient);
    EXPECT_EQ(holePunchTarget(lanClient, 0), lanClient);
}

}  // namespace
}  // namespace tutti::directory
