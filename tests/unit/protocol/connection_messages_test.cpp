#include "protocol/connection_messages.h"

#include <gtest/gtest.h>

#include "message_test_util.h"

namespace tutti::protocol {
namespace {

using test::Bytes;
using test::concat;
using test::repeat;
using test::roundTrips;
using test::str16;

TEST(AcknMsg, ExactlyTwoBytes) {
    const auto m = AcknMsg::decode(Bytes{0x20, 0x00});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->ackedId, 32);
    EXPECT_FALSE(AcknMsg::decode(Bytes{0x20}));
    EXPECT_FALSE(AcknMsg::decode(Bytes{0x20, 0x00, 0x00}));
    EXPECT_EQ((AcknMsg{2001}.encode()), (Bytes{0xd1, 0x07}));
}

TEST(JittBufSizeMsg, AcceptsOneToTwentyAndAuto) {
    EXPECT_FALSE(JittBufSizeMsg::decode(Bytes{0, 0}));
    EXPECT_TRUE(JittBufSizeMsg::decode(Bytes{1, 0}));
    EXPECT_TRUE(JittBufSizeMsg::decode(Bytes{20, 0}));
    EXPECT_EQ(JittBufSizeMsg::decode(Bytes{21, 0})->blocks, JittBufSizeMsg::kAuto);
    EXPECT_FALSE(JittBufSizeMsg::decode(Bytes{22, 0}));
    EXPECT_FALSE(JittBufSizeMsg::decode(Bytes{6, 1}));  // 262
    EXPECT_FALSE(JittBufSizeMsg::decode(Bytes{6}));
    EXPECT_FALSE(JittBufSizeMsg::decode(Bytes{6, 0, 0}));
}

TEST(ChannelGainMsg, ExactlyThreeBytesAnyValue) {
    const auto m = ChannelGainMsg::decode(Bytes{1, 0x00, 0x80});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->channel, 1);
    EXPECT_EQ(m->gain, 32768);
    // Gains above 1 and channel ids beyond any server are not the decoder's business.
    EXPECT_TRUE(ChannelGainMsg::decode(Bytes{200, 0xff, 0xff}));
    EXPECT_FALSE(ChannelGainMsg::decode(Bytes{1, 0}));
    EXPECT_FALSE(ChannelGainMsg::decode(Bytes{1, 0, 0, 0}));
}

TEST(ChannelPanMsg, ExactlyThreeBytes) {
    EXPECT_TRUE(roundTrips<ChannelPanMsg>(Bytes{0, 0, 0}));
    EXPECT_FALSE(ChannelPanMsg::decode(Bytes{0, 0}));
    EXPECT_FALSE(ChannelPanMsg::decode(Bytes{0, 0, 0, 0}));
}

TEST(ChatTextMsg, LimitIs1800Utf16Units) {
    EXPECT_TRUE(roundTrips<ChatTextMsg>(str16(repeat("a", 1800))));
    EXPECT_FALSE(ChatTextMsg::decode(str16(repeat("a", 1801))));
    // 1800 two-byte characters are 3600 bytes but only 1800 units.
    EXPECT_TRUE(ChatTextMsg::decode(str16(repeat("\xC3\xA4", 1800))));
    EXPECT_FALSE(ChatTextMsg::decode(str16(repeat("\xC3\xA4", 1801))));
    // 900 astral characters are 1800 units, one more is too many.
    EXPECT_TRUE(ChatTextMsg::decode(str16(repeat("\xF0\x9F\x8E\xB5", 900))));
    EXPECT_FALSE(ChatTextMsg::decode(str16(repeat("\xF0\x9F\x8E\xB5", 900) + "a")));
}

TEST(ChatTextMsg, RejectsTrailingAndShortButNotInvalidUtf8) {
    EXPECT_FALSE(ChatTextMsg::decode(concat({str16("hi"), Bytes{0}})));
    EXPECT_FALSE(ChatTextMsg::decode(Bytes{3, 0, 'h', 'i'}));
    EXPECT_FALSE(ChatTextMsg::decode(Bytes{3}));
    EXPECT_FALSE(ChatTextMsg::decode(Bytes{}));
    const auto m = ChatTextMsg::decode(str16("\xFF\xFE bad"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->text, "\xFF\xFE bad");  // kept byte for byte
}

Bytes propsPayload(std::uint32_t frameBytes, std::uint16_t factor, std::uint8_t channels,
                   std::uint16_t codec, std::uint16_t flags = 1) {
    NetwTransportPropsMsg m;
    m.frameBytes = frameBytes;
    m.blockFactor = factor;
    m.channels = channels;
    m.codec = codec;
    m.flags = flags;
    return m.encode();
}

TEST(NetwTransportPropsMsg, DecodesCapturedExample) {
    const Bytes captured = {0x2e, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x80, 0xbb, 0x00,
                            0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00};
    const auto m = NetwTransportPropsMsg::decode(captured);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->frameBytes, 46u);
    EXPECT_EQ(m->blockFactor, 1);
    EXPECT_EQ(m->channels, 1);
    EXPECT_EQ(m->sampleRate, 48000u);
    EXPECT_EQ(m->codec, 2);
    EXPECT_TRUE(m->sequenceNumbers());
    EXPECT_EQ(m->encode(), captured);
}

TEST(NetwTransportPropsMsg, Ranges) {
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(10, 1, 1, 2)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(9, 1, 1, 2)));
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(20000, 1, 1, 2)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(20001, 1, 1, 2)));
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(46, 2, 1, 2)));
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(46, 4, 1, 2)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 0, 1, 2)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 3, 1, 2)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 8, 1, 2)));
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 2, 2)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 0, 2)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 3, 2)));
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 1, 1)));  // CELT: caller's job
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 1, 3)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 1, 0)));
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 1, 4)));
}

TEST(NetwTransportPropsMsg, OnlyFlagOneMeansSequenceNumbers) {
    EXPECT_TRUE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 1, 2, 1))->sequenceNumbers());
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 1, 2, 0))->sequenceNumbers());
    EXPECT_FALSE(NetwTransportPropsMsg::decode(propsPayload(46, 1, 1, 2, 3))->sequenceNumbers());
}

TEST(NetwTransportPropsMsg, ExactlyNineteenBytes) {
    auto p = propsPayload(46, 1, 1, 2);
    p.push_back(0);
    EXPECT_FALSE(NetwTransportPropsMsg::decode(p));
    p.resize(18);
    EXPECT_FALSE(NetwTransportPropsMsg::decode(p));
}

Bytes infosPayload(const std::string& name, const std::string& city) {
    return concat({Bytes{0x52, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02}, str16(name), str16(city)});
}

TEST(ChannelInfosMsg, DecodesCapturedExample) {
    const auto m = ChannelInfosMsg::decode(infosPayload("Alice", "Berlin"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->country, 82);
    EXPECT_EQ(m->instrument, 1u);
    EXPECT_EQ(m->skill, 2);
    EXPECT_EQ(m->name, "Alice");
    EXPECT_EQ(m->city, "Berlin");
    EXPECT_TRUE(roundTrips<ChannelInfosMsg>(infosPayload("Alice", "Berlin")));
}

TEST(ChannelInfosMsg, NameAndCityLimits) {
    EXPECT_TRUE(ChannelInfosMsg::decode(infosPayload(repeat("n", 16), repeat("c", 20))));
    EXPECT_FALSE(ChannelInfosMsg::decode(infosPayload(repeat("n", 17), "")));
    EXPECT_FALSE(ChannelInfosMsg::decode(infosPayload("", repeat("c", 21))));
    // 16 umlauts are 32 bytes but within the limit.
    EXPECT_TRUE(ChannelInfosMsg::decode(infosPayload(repeat("\xC3\xBC", 16), "")));
    EXPECT_FALSE(ChannelInfosMsg::decode(infosPayload(repeat("\xC3\xBC", 17), "")));
    EXPECT_FALSE(ChannelInfosMsg::decode(infosPayload(repeat("\xF0\x9F\x8E\xB5", 9), "")));
}

TEST(ChannelInfosMsg, ShortAndTrailing) {
    EXPECT_FALSE(ChannelInfosMsg::decode(Bytes{0x52, 0x00, 0x01, 0x00, 0x00, 0x00}));
    EXPECT_FALSE(ChannelInfosMsg::decode(Bytes{0x52, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02}));
    EXPECT_FALSE(ChannelInfosMsg::decode(concat({infosPayload("a", "b"), Bytes{0}})));
    EXPECT_TRUE(ChannelInfosMsg::decode(infosPayload("", "")));
}

Bytes listEntry(std::uint8_t channel, const std::string& name, const std::string& city) {
    return concat({Bytes{channel, 0x0e, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03, 0, 0, 0, 0},
                   str16(name), str16(city)});
}

TEST(ConnClientsListMsg, EmptyAndTwoEntries) {
    const auto empty = ConnClientsListMsg::decode(Bytes{});
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->entries.empty());

    const auto payload = concat({listEntry(0, "Alice B.", "Berlin"), listEntry(1, "Bob", "Graz")});
    const auto m = ConnClientsListMsg::decode(payload);
    ASSERT_TRUE(m);
    ASSERT_EQ(m->entries.size(), 2u);
    EXPECT_EQ(m->entries[1].channel, 1);
    EXPECT_EQ(m->entries[1].country, 14);
    EXPECT_EQ(m->entries[1].instrument, 4u);
    EXPECT_EQ(m->entries[1].skill, 3);
    EXPECT_EQ(m->entries[1].name, "Bob");
    EXPECT_EQ(m->entries[1].city, "Graz");
    EXPECT_EQ(m->encode(), payload);
}

TEST(ConnClientsListMsg, RejectsBadEntries) {
    const auto good = listEntry(0, "a", "b");
    EXPECT_FALSE(ConnClientsListMsg::decode(concat({good, Bytes{0}})));
    EXPECT_FALSE(ConnClientsListMsg::decode(Bytes(good.begin(), good.end() - 1)));
    EXPECT_FALSE(ConnClientsListMsg::decode(concat({good, listEntry(1, repeat("x", 17), "")})));
    EXPECT_FALSE(ConnClientsListMsg::decode(concat({good, listEntry(1, "", repeat("y", 21))})));
}

TEST(ConnClientsListMsg, FormerAddressFieldIsWrittenAsZero) {
    auto payload = listEntry(0, "a", "b");
    payload[8] = 0x7f;  // a pre-3.6 server would have put an address here
    const auto m = ConnClientsListMsg::decode(payload);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->encode(), listEntry(0, "a", "b"));
}

TEST(LicenceRequiredMsg, ZeroOrOne) {
    EXPECT_TRUE(LicenceRequiredMsg::decode(Bytes{0}));
    EXPECT_TRUE(LicenceRequiredMsg::decode(Bytes{1}));
    EXPECT_FALSE(LicenceRequiredMsg::decode(Bytes{2}));
    EXPECT_FALSE(LicenceRequiredMsg::decode(Bytes{}));
    EXPECT_FALSE(LicenceRequiredMsg::decode(Bytes{1, 0}));
}

TEST(RecorderStateMsg, OneToThree) {
    EXPECT_FALSE(RecorderStateMsg::decode(Bytes{0}));
    EXPECT_TRUE(RecorderStateMsg::decode(Bytes{1}));
    EXPECT_TRUE(RecorderStateMsg::decode(Bytes{3}));
    EXPECT_FALSE(RecorderStateMsg::decode(Bytes{4}));
    EXPECT_FALSE(RecorderStateMsg::decode(Bytes{1, 1}));
}

TEST(ClientIdMsg, ExactlyOneByte) {
    EXPECT_EQ(ClientIdMsg::decode(Bytes{7})->channel, 7);
    EXPECT_FALSE(ClientIdMsg::decode(Bytes{}));
    EXPECT_FALSE(ClientIdMsg::decode(Bytes{7, 0}));
}

TEST(MuteStateChangedMsg, ExactlyTwoBytes) {
    const auto m = MuteStateChangedMsg::decode(Bytes{1, 1});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->channel, 1);
    EXPECT_EQ(m->muted, 1);
    EXPECT_FALSE(MuteStateChangedMsg::decode(Bytes{1}));
    EXPECT_FALSE(MuteStateChangedMsg::decode(Bytes{1, 1, 1}));
}

TEST(ReqChannelLevelListMsg, ExactlyOneByte) {
    EXPECT_TRUE(roundTrips<ReqChannelLevelListMsg>(Bytes{1}));
    EXPECT_FALSE(ReqChannelLevelListMsg::decode(Bytes{}));
    EXPECT_FALSE(ReqChannelLevelListMsg::decode(Bytes{1, 1}));
}

TEST(VersionAndOsMsg, CapturedAndLimits) {
    const Bytes captured = {0x02, 0x05, 0x00, '3', '.', '9', '.', '1'};
    const auto m = VersionAndOsMsg::decode(captured);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->os, 2);
    EXPECT_EQ(m->version, "3.9.1");
    EXPECT_EQ(m->encode(), captured);
    EXPECT_TRUE(VersionAndOsMsg::decode(concat({Bytes{2}, str16(repeat("9", 50))})));
    EXPECT_FALSE(VersionAndOsMsg::decode(concat({Bytes{2}, str16(repeat("9", 51))})));
    EXPECT_FALSE(VersionAndOsMsg::decode(Bytes{2}));
    EXPECT_FALSE(VersionAndOsMsg::decode(Bytes{}));
    EXPECT_FALSE(VersionAndOsMsg::decode(concat({captured, Bytes{0}})));
}

TEST(SplitPartMsg, HeaderAndData) {
    const auto m = SplitPartMsg::decode(Bytes{0x12, 0x00, 2, 0, 'a', 'b'});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->originalId, 18);
    EXPECT_EQ(m->parts, 2);
    EXPECT_EQ(m->index, 0);
    EXPECT_EQ(m->data, (Bytes{'a', 'b'}));
    EXPECT_TRUE(SplitPartMsg::decode(Bytes{0x12, 0x00, 2, 1}));
    EXPECT_FALSE(SplitPartMsg::decode(Bytes{0x12, 0x00, 2}));
}

TEST(EmptyMessages, AcceptAnyPayloadEncodeNothing) {
    EXPECT_TRUE(ReqJittBufSizeMsg::decode(Bytes{}));
    EXPECT_TRUE(ReqConnClientsListMsg::decode(Bytes{1, 2, 3}));
    EXPECT_TRUE(ReqSplitMessSupportMsg{}.encode().empty());
    EXPECT_EQ(ReqNetwTransportPropsMsg::kId, 21);
    EXPECT_EQ(ReqChannelInfosMsg::kId, 23);
    EXPECT_EQ(OpusSupportedMsg::kId, 26);
    EXPECT_EQ(SplitMessSupportedMsg::kId, 35);
    EXPECT_EQ(RawAudioSupportedMsg::kId, 36);
}

}  // namespace
}  // namespace tutti::protocol
