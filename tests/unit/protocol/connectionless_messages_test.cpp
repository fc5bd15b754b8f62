#include "protocol/connectionless_messages.h"

#include <gtest/gtest.h>

#include "message_test_util.h"

namespace tutti::protocol {
namespace {

using test::Bytes;
using test::concat;
using test::repeat;
using test::roundTrips;
using test::str16;
using test::str8;

TEST(ClmPingMsMsg, ExactlyFourBytes) {
    const auto m = ClmPingMsMsg::decode(Bytes{0x43, 0x03, 0x00, 0x00});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->timeMs, 835u);
    EXPECT_FALSE(ClmPingMsMsg::decode(Bytes{1, 2, 3}));
    EXPECT_FALSE(ClmPingMsMsg::decode(Bytes{1, 2, 3, 4, 5}));
}

TEST(ClmPingMsWithNumClientsMsg, ExactlyFiveBytes) {
    const auto m = ClmPingMsWithNumClientsMsg::decode(Bytes{0x25, 0x02, 0, 0, 1});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->timeMs, 549u);
    EXPECT_EQ(m->numClients, 1);
    EXPECT_FALSE(ClmPingMsWithNumClientsMsg::decode(Bytes{1, 2, 3, 4}));
    EXPECT_FALSE(ClmPingMsWithNumClientsMsg::decode(Bytes{1, 2, 3, 4, 5, 6}));
}

TEST(ClmSendEmptyMessageMsg, AddressIsHostOrderNumberLittleEndian) {
    const Bytes captured = {0x01, 0x00, 0x00, 0x7f, 0x88, 0x58};
    const auto m = ClmSendEmptyMessageMsg::decode(captured);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->ipv4, 0x7F000001u);
    EXPECT_EQ(m->port, 22664);
    EXPECT_EQ(m->encode(), captured);
    EXPECT_FALSE(ClmSendEmptyMessageMsg::decode(Bytes{1, 0, 0, 0x7f, 0x88}));
    EXPECT_FALSE(ClmSendEmptyMessageMsg::decode(concat({captured, Bytes{0}})));
}

TEST(ClmRegisterServerRespMsg, StatusZeroToThree) {
    for (std::uint8_t s = 0; s <= 3; ++s) {
        EXPECT_TRUE(ClmRegisterServerRespMsg::decode(Bytes{s}));
    }
    EXPECT_FALSE(ClmRegisterServerRespMsg::decode(Bytes{4}));
    EXPECT_FALSE(ClmRegisterServerRespMsg::decode(Bytes{}));
    EXPECT_FALSE(ClmRegisterServerRespMsg::decode(Bytes{0, 0}));
}

Bytes serverInfo(const std::string& name, const std::string& internal, const std::string& city) {
    return concat(
        {Bytes{0x52, 0x58, 0x0e, 0x00, 0x0a, 0x00}, str16(name), str16(internal), str16(city)});
}

TEST(ClmRegisterServerExMsg, DecodesCapturedRegistration) {
    const auto payload =
        concat({serverInfo("Spec Server", "192.0.2.2", "Testcity"), Bytes{2}, str16("3.9.1")});
    const auto m = ClmRegisterServerExMsg::decode(payload);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->info.port, 22610);
    EXPECT_EQ(m->info.country, 14);
    EXPECT_EQ(m->info.maxClients, 10);
    EXPECT_EQ(m->info.permanent, 0);
    EXPECT_EQ(m->info.name, "Spec Server");
    EXPECT_EQ(m->info.internalAddress, "192.0.2.2");
    EXPECT_EQ(m->info.city, "Testcity");
    EXPECT_EQ(m->os, 2);
    EXPECT_EQ(m->version, "3.9.1");
    EXPECT_EQ(m->encode(), payload);
}

TEST(ClmRegisterServerExMsg, Limits) {
    const auto tail = concat({Bytes{2}, str16("3.9.1")});
    EXPECT_TRUE(ClmRegisterServerExMsg::decode(
        concat({serverInfo(repeat("n", 20), repeat("1", 15), repeat("c", 20)), tail})));
    EXPECT_FALSE(
        ClmRegisterServerExMsg::decode(concat({serverInfo(repeat("n", 21), "", ""), tail})));
    EXPECT_FALSE(
        ClmRegisterServerExMsg::decode(concat({serverInfo("", repeat("1", 16), ""), tail})));
    EXPECT_FALSE(
        ClmRegisterServerExMsg::decode(concat({serverInfo("", "", repeat("c", 21)), tail})));
    EXPECT_FALSE(ClmRegisterServerExMsg::decode(
        concat({serverInfo("", "", ""), Bytes{2}, str16(repeat("9", 51))})));
    EXPECT_FALSE(ClmRegisterServerExMsg::decode(serverInfo("", "", "")));  // no OS/version
    EXPECT_FALSE(ClmRegisterServerExMsg::decode(concat({serverInfo("", "", ""), tail, Bytes{0}})));
}

TEST(ClmRegisterServerMsg, OldFormatWithoutVersion) {
    const auto payload = serverInfo("Old", "", "Town");
    EXPECT_TRUE(roundTrips<ClmRegisterServerMsg>(payload));
    EXPECT_FALSE(ClmRegisterServerMsg::decode(concat({payload, Bytes{2}})));
}

TEST(ClmServerListMsg, DecodesCapturedList) {
    const auto payload =
        concat({Bytes{0, 0, 0, 0, 0, 0, 0x52, 0x00, 0x0a, 0x01}, str16("Spec Directory"), str16(""),
                str16("Dirtown"), Bytes{0x01, 0x00, 0x00, 0x7f, 0x70, 0x58, 0x0e, 0x00, 0x0a, 0x00},
                str16("Spec Server"), str16(""), str16("Testcity")});
    const auto m = ClmServerListMsg::decode(payload);
    ASSERT_TRUE(m);
    ASSERT_EQ(m->entries.size(), 2u);
    EXPECT_EQ(m->entries[0].ipv4, 0u);
    EXPECT_EQ(m->entries[0].permanent, 1);
    EXPECT_EQ(m->entries[1].ipv4, 0x7F000001u);
    EXPECT_EQ(m->entries[1].port, 22640);
    EXPECT_EQ(m->entries[1].name, "Spec Server");
    EXPECT_EQ(m->entries[1].city, "Testcity");
    EXPECT_EQ(m->encode(), payload);
    EXPECT_FALSE(ClmServerListMsg::decode(concat({payload, Bytes{0}})));
    EXPECT_TRUE(ClmServerListMsg::decode(Bytes{}));
}

TEST(ClmRedServerListMsg, NameHasU8Count) {
    const auto payload = concat({Bytes{0, 0, 0, 0, 0, 0}, str8("Spec Directory"),
                                 Bytes{0x01, 0x00, 0x00, 0x7f, 0x70, 0x58}, str8("Spec Server")});
    const auto m = ClmRedServerListMsg::decode(payload);
    ASSERT_TRUE(m);
    ASSERT_EQ(m->entries.size(), 2u);
    EXPECT_EQ(m->entries[0].name, "Spec Directory");
    EXPECT_EQ(m->entries[1].port, 22640);
    EXPECT_EQ(m->encode(), payload);
    EXPECT_FALSE(
        ClmRedServerListMsg::decode(concat({Bytes{0, 0, 0, 0, 0, 0}, str8(repeat("n", 21))})));
    EXPECT_FALSE(ClmRedServerListMsg::decode(Bytes{0, 0, 0, 0, 0, 0, 5, 'a'}));
}

TEST(ClmVersionAndOsMsg, SameRulesAsConnectionVersion) {
    EXPECT_TRUE(roundTrips<ClmVersionAndOsMsg>(concat({Bytes{2}, str16("3.9.1")})));
    EXPECT_FALSE(ClmVersionAndOsMsg::decode(concat({Bytes{2}, str16(repeat("9", 51))})));
}

TEST(ClmConnClientsListMsg, SameLayoutAsConnectionList) {
    const auto payload =
        concat({Bytes{0, 74, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, str16("Grace"), str16("Lyon")});
    const auto m = ClmConnClientsListMsg::decode(payload);
    ASSERT_TRUE(m);
    ASSERT_EQ(m->entries.size(), 1u);
    EXPECT_EQ(m->entries[0].country, 74);
    EXPECT_EQ(m->entries[0].name, "Grace");
    EXPECT_EQ(m->encode(), payload);
}

TEST(ClmChannelLevelListMsg, NibblesLowFirstOddPaddedWithF) {
    EXPECT_EQ((ClmChannelLevelListMsg{{8}}.encode()), (Bytes{0xf8}));
    EXPECT_EQ((ClmChannelLevelListMsg{{4, 0, 0}}.encode()), (Bytes{0x04, 0xf0}));
    EXPECT_EQ((ClmChannelLevelListMsg{{1, 2, 3, 4}}.encode()), (Bytes{0x21, 0x43}));
    EXPECT_TRUE(ClmChannelLevelListMsg{}.encode().empty());

    EXPECT_EQ(ClmChannelLevelListMsg::decode(Bytes{0xf8})->levels, (Bytes{8}));
    EXPECT_EQ(ClmChannelLevelListMsg::decode(Bytes{0x04, 0xf0})->levels, (Bytes{4, 0, 0}));
    EXPECT_EQ(ClmChannelLevelListMsg::decode(Bytes{0x21, 0x43})->levels, (Bytes{1, 2, 3, 4}));
}

TEST(ClmServerFeaturesMsg, ExactlyFourBytes) {
    EXPECT_TRUE(roundTrips<ClmServerFeaturesMsg>(Bytes{0x05, 0x01, 0, 0}));
    EXPECT_FALSE(ClmServerFeaturesMsg::decode(Bytes{1, 2, 3}));
}

TEST(ClmWelcomeMessageMsg, String) {
    EXPECT_TRUE(roundTrips<ClmWelcomeMessageMsg>(str16("Welcome")));
    EXPECT_FALSE(ClmWelcomeMessageMsg::decode(concat({str16("Welcome"), Bytes{0}})));
}

TEST(ConnectionlessEmptyMessages, Ids) {
    EXPECT_EQ(ClmServerFullMsg::kId, 1003);
    EXPECT_EQ(ClmUnregisterServerMsg::kId, 1005);
    EXPECT_EQ(ClmReqServerListMsg::kId, 1007);
    EXPECT_EQ(ClmEmptyMessageMsg::kId, 1009);
    EXPECT_EQ(ClmDisconnectionMsg::kId, 1010);
    EXPECT_EQ(ClmReqVersionAndOsMsg::kId, 1012);
    EXPECT_EQ(ClmReqConnClientsListMsg::kId, 1014);
    EXPECT_EQ(ClmReqServerFeaturesMsg::kId, 1020);
    EXPECT_EQ(ClmReqWelcomeMessageMsg::kId, 1022);
}

}  // namespace
}  // namespace tutti::protocol
