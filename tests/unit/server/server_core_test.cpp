#include <gtest/gtest.h>

#include <regex>

#include "protocol/messages.h"
#include "server_test_harness.h"

namespace tutti::server::test {
namespace {

namespace p = tutti::protocol;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(ServerCore, NewClientGetsTheConnectConversationInOrder) {
    auto cfg = defaultConfig();
    cfg.welcomeMessage = "Hello <b>all</b>";
    cfg.licenceRequired = true;
    ServerHarness h(cfg);
    const auto a = ServerHarness::client(5000);
    h.audioFrom(a);
    std::vector<DecodedFrame> frames;
    const auto ids = h.ackEverything(a, &frames);
    const std::vector<uint16_t> expected = {p::ClientIdMsg::kId,
                                            p::ConnClientsListMsg::kId,
                                            p::ReqSplitMessSupportMsg::kId,
                                            p::ReqNetwTransportPropsMsg::kId,
                                            p::ReqJittBufSizeMsg::kId,
                                            p::ReqChannelInfosMsg::kId,
                                            p::ChatTextMsg::kId,
                                            p::LicenceRequiredMsg::kId,
                                            p::VersionAndOsMsg::kId,
                                            p::RecorderStateMsg::kId};
    EXPECT_EQ(ids, expected);
    // Counters run 0, 1, 2, ... and the first message is CLIENT_ID with channel 0.
    ASSERT_FALSE(frames.empty());
    EXPECT_EQ(frames[0].counter, 0);
    EXPECT_EQ(p::ClientIdMsg::decode(frames[0].payload)->channel, 0);
    for (const auto& f : frames) {
        if (f.id == p::ChatTextMsg::kId) {
            EXPECT_EQ(p::ChatTextMsg::decode(f.payload)->text,
                      "<b>Server Welcome Message:</b> Hello <b>all</b>");
        }
        if (f.id == p::VersionAndOsMsg::kId) {
            EXPECT_EQ(p::VersionAndOsMsg::decode(f.payload)->version, "3.11.0-tutti");
        }
        if (f.id == p::RecorderStateMsg::kId) {
            EXPECT_EQ(p::RecorderStateMsg::decode(f.payload)->state, 1);
        }
    }
    ASSERT_EQ(h.log.size(), 1u);
    EXPECT_TRUE(std::regex_match(
        h.log[0], std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d, 127\.0\.0\.1, connected \(1\))")))
        << h.log[0];

    const auto rx = h.takeRxCommands();
    ASSERT_EQ(rx.size(), 1u);
    EXPECT_EQ(rx[0].kind, engine::RxCommand::Kind::Bind);
    EXPECT_TRUE(rx[0].address == a);
    const auto mix = h.takeMixCommands();
    ASSERT_FALSE(mix.empty());
    EXPECT_EQ(mix[0].kind, engine::MixCommand::Kind::Connect);
}

TEST(ServerCore, OnlyOneMessageInFlightAndRetransmittedAfter400ms) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    h.audioFrom(a);
    auto frames = h.takeFramesTo(a);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].id, p::ClientIdMsg::kId);
    h.advance(milliseconds(399));
    h.core.onTimer(h.now);
    EXPECT_TRUE(h.takeFramesTo(a).empty());
    h.advance(milliseconds(2));
    h.core.onTimer(h.now);
    frames = h.takeFramesTo(a);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].id, p::ClientIdMsg::kId);
}

TEST(ServerCore, ProtocolFromUnknownAddressIsDroppedUnacknowledged) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    h.send(a, p::ChatTextMsg{"hi"}, 0);
    EXPECT_TRUE(h.sent.empty());
    EXPECT_EQ(h.core.droppedProtocolDatagrams(), 1u);
    EXPECT_EQ(h.core.connectedCount(), 0);
}

TEST(ServerCore, UnknownIdsAreAcknowledged) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    connect(h, a);
    h.messageFrom(a, 28, 7, {1});         // obsolete REQ_CHANNEL_LEVEL_LIST
    h.messageFrom(a, 999, 8, {1, 2, 3});  // unknown
    auto frames = h.takeFramesTo(a);
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[0].id, p::AcknMsg::kId);
    EXPECT_EQ(frames[0].counter, 7);
    EXPECT_EQ(p::AcknMsg::decode(frames[0].payload)->ackedId, 28);
    EXPECT_EQ(p::AcknMsg::decode(frames[1].payload)->ackedId, 999);
}

TEST(ServerCore, ChannelInfosBroadcastsTheListToEveryone) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    EXPECT_EQ(connect(h, a, "Alice"), 0);
    EXPECT_EQ(connect(h, b), 1);
    h.takeMixCommands();

    p::ChannelInfosMsg info;
    info.name = "Bob";
    info.city = "Graz";
    info.country = 14;
    info.instrument = 4;
    info.skill = 3;
    h.send(b, info, 50);
    std::vector<DecodedFrame> toA;
    h.ackEverything(a, &toA);
    std::optional<p::ConnClientsListMsg> list;
    for (const auto& f : toA) {
        if (f.id == p::ConnClientsListMsg::kId) {
            list = p::ConnClientsListMsg::decode(f.payload);
        }
    }
    ASSERT_TRUE(list);
    ASSERT_EQ(list->entries.size(), 2u);
    EXPECT_EQ(list->entries[0].name, "Alice");
    EXPECT_EQ(list->entries[1].channel, 1);
    EXPECT_EQ(list->entries[1].name, "Bob");
    EXPECT_EQ(list->entries[1].city, "Graz");
    EXPECT_EQ(list->entries[1].country, 14);
    EXPECT_EQ(list->entries[1].instrument, 4u);

    bool identified = false;
    for (const auto& c : h.takeMixCommands()) {
        identified |= c.kind == engine::MixCommand::Kind::SetIdentified && c.slot == 1;
    }
    EXPECT_TRUE(identified);

    // The same info again changes nothing and is not broadcast.
    h.ackEverything(b);
    h.send(b, info, 51);
    EXPECT_EQ(h.ackEverything(a).size(), 0u);
}

TEST(ServerCore, ChatIsRelayedFormattedAndEscapedToAllIncludingSender) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    connect(h, a, "Al<i>ce");
    connect(h, b, "Bob");
    h.send(a, p::ChatTextMsg{"hello & <3"}, 60);
    for (const auto& who : {a, b}) {
        std::vector<DecodedFrame> frames;
        h.ackEverything(who, &frames);
        std::string text;
        for (const auto& f : frames) {
            if (f.id == p::ChatTextMsg::kId) {
                text = p::ChatTextMsg::decode(f.payload)->text;
            }
        }
        EXPECT_TRUE(std::regex_match(
            text,
            std::regex(
                R"(<font color="mediumblue">\(\d\d:\d\d:\d\d (AM|PM)\) <b>Al&lt;i&gt;ce</b></font> hello &amp; &lt;3)")))
            << text;
    }
}

TEST(ServerCore, MutingSendsMuteStateChangedToTheSource) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    connect(h, a, "A");
    connect(h, b, "B");
    h.ackEverything(a);
    h.takeMixCommands();

    h.send(a, p::ChannelGainMsg{1, 0}, 70);  // A mutes B
    std::vector<DecodedFrame> toB;
    h.ackEverything(b, &toB);
    ASSERT_FALSE(toB.empty());
    bool sawMute = false;
    for (const auto& f : toB) {
        if (f.id == p::MuteStateChangedMsg::kId) {
            auto m = p::MuteStateChangedMsg::decode(f.payload);
            EXPECT_EQ(m->channel, 0);
            EXPECT_EQ(m->muted, 1);
            sawMute = true;
        }
    }
    EXPECT_TRUE(sawMute);

    h.send(a, p::ChannelGainMsg{1, 65535}, 71);  // the loudest gain the wire allows unmutes
    toB.clear();
    h.ackEverything(b, &toB);
    bool sawUnmute = false;
    for (const auto& f : toB) {
        if (f.id == p::MuteStateChangedMsg::kId) {
            sawUnmute = p::MuteStateChangedMsg::decode(f.payload)->muted == 0;
        }
    }
    EXPECT_TRUE(sawUnmute);
    float lastGain = -1;
    for (const auto& c : h.takeMixCommands()) {
        if (c.kind == engine::MixCommand::Kind::SetGain && c.slot == 0 && c.other == 1) {
            lastGain = c.value;
        }
    }
    EXPECT_FLOAT_EQ(lastGain, 65535 / 32768.0f);
}

TEST(ServerCore, TransportPropsReachTheMixThread) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    connect(h, a);
    h.takeMixCommands();
    p::NetwTransportPropsMsg props;
    props.frameBytes = 72;
    props.blockFactor = 1;
    props.channels = 2;
    props.codec = 2;
    props.flags = 1;
    h.send(a, props, 80);
    auto cmds = h.takeMixCommands();
    ASSERT_EQ(cmds.size(), 1u);
    EXPECT_EQ(cmds[0].kind, engine::MixCommand::Kind::SetProps);
    EXPECT_EQ(cmds[0].props.codedBytes, 71);
    EXPECT_TRUE(cmds[0].props.sequenceNumbers);
    EXPECT_EQ(cmds[0].props.channels, 2);
    EXPECT_EQ(cmds[0].props.frameSamples, 128);

    props.codec = 1;  // legacy CELT: answered with OPUS_SUPPORTED, not applied
    h.takeFramesTo(a);
    h.send(a, props, 81);
    EXPECT_TRUE(h.takeMixCommands().empty());
    bool opusSupported = false;
    for (auto id : h.ackEverything(a)) {
        opusSupported |= id == p::OpusSupportedMsg::kId;
    }
    EXPECT_TRUE(opusSupported);
}

TEST(ServerCore, ServerFullIsAnsweredAtMostOncePerSecondPerAddress) {
    auto cfg = defaultConfig();
    cfg.maxChannels = 1;
    ServerHarness h(cfg);
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    connect(h, a);
    int full = 0;
    for (int i = 0; i < 375; ++i) {  // one second of a refused client's audio
        h.audioFrom(b);
        h.advance(milliseconds(2));
        for (const auto& f : h.takeFramesTo(b)) {
            full += f.id == p::ClmServerFullMsg::kId;
        }
    }
    EXPECT_EQ(full, 1);
    h.advance(milliseconds(300));
    h.audioFrom(b);
    for (const auto& f : h.takeFramesTo(b)) {
        full += f.id == p::ClmServerFullMsg::kId;
    }
    EXPECT_EQ(full, 2);
    EXPECT_EQ(h.core.connectedCount(), 1);
}

TEST(ServerCore, DisconnectionFreesTheSlotAndUpdatesTheOthers) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const auto b = ServerHarness::client(5001);
    connect(h, a, "A");
    connect(h, b, "B");
    h.ackEverything(a);
    h.takeRxCommands();
    h.send(a, p::ClmDisconnectionMsg{}, 0);
    EXPECT_EQ(h.core.connectedCount(), 1);
    std::vector<DecodedFrame> toB;
    h.ackEverything(b, &toB);
    std::optional<p::ConnClientsListMsg> list;
    for (const auto& f : toB) {
        if (f.id == p::ConnClientsListMsg::kId) {
            list = p::ConnClientsListMsg::decode(f.payload);
        }
    }
    ASSERT_TRUE(list);
    ASSERT_EQ(list->entries.size(), 1u);
    EXPECT_EQ(list->entries[0].name, "B");
    const auto rx = h.takeRxCommands();
    ASSERT_EQ(rx.size(), 1u);
    EXPECT_EQ(rx[0].kind, engine::RxCommand::Kind::Unbind);
    EXPECT_EQ(rx[0].slot, 0);

    // Stray audio right after leaving does not reopen a channel; later it does, in the lowest slot.
    h.audioFrom(a);
    EXPECT_EQ(h.core.connectedCount(), 1);
    h.advance(milliseconds(600));
    h.audioFrom(a);
    EXPECT_EQ(h.core.connectedCount(), 2);
    EXPECT_TRUE(h.core.channel(0).connected);
}

TEST(ServerCore, ChannelTimesOutAfter30sWithoutAudio) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    connect(h, a);
    h.advance(seconds(29));
    h.core.onTimer(h.now);
    EXPECT_EQ(h.core.connectedCount(), 1);
    h.advance(seconds(2));
    h.core.onTimer(h.now);
    EXPECT_EQ(h.core.connectedCount(), 0);
    ASSERT_EQ(h.log.size(), 2u);
    EXPECT_NE(h.log[1].find(",, server idling -------------------------------------"),
              std::string::npos);
}

TEST(ServerCore, ConnectionlessProbesAreAnswered) {
    ServerHarness h(defaultConfig());
    const auto a = ServerHarness::client(5000);
    const auto probe = ServerHarness::client(6000);
    connect(h, a, "A");

    h.send(probe, p::ClmPingMsMsg{123456}, 0);
    h.send(probe, p::ClmPingMsWithNumClientsMsg{777, 0}, 0);
    h.send(probe, p::ClmReqVersionAndOsMsg{}, 0);
    h.send(probe, p::ClmReqConnClientsListMsg{}, 0);
    h.send(probe, p::ClmReqServerListMsg{}, 0);  // not a directory: no answer
    const auto frames = h.takeFramesTo(probe);
    ASSERT_EQ(frames.size(), 4u);
    EXPECT_EQ(frames[0].id, p::ClmPingMsMsg::kId);
    EXPECT_EQ(p::ClmPingMsMsg::decode(frames[0].payload)->timeMs, 123456u);
    EXPECT_EQ(frames[1].id, p::ClmPingMsWithNumClientsMsg::kId);
    EXPECT_EQ(p::ClmPingMsWithNumClientsMsg::decode(frames[1].payload)->numClients, 1);
    EXPECT_EQ(p::ClmPingMsWithNumClientsMsg::decode(frames[1].payload)->timeMs, 777u);
    EXPECT_EQ(frames[2].id, p::ClmVersionAndOsMsg::kId);
    EXPECT_EQ(p::ClmVersionAndOsMsg::decode(frames[2].payload)->os, 2);
    EXPECT_EQ(frames[3].id, p::ClmConnClientsListMsg::kId);
    auto list = p::ClmConnClientsListMsg::decode(frames[3].payload);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->entries.size(), 1u);
    EXPECT_EQ(list->entries[0].name, "A");
    EXPECT_EQ(h.core.connectedCount(), 1);  // probes never open a channel
}

TEST(ServerCore, DisconnectOnQuitTellsEveryClient) {
    auto cfg = defaultConfig();
    cfg.disconnectOnQuit = true;
    ServerHarness h(cfg);
    const auto a = ServerHarness::client(5000);
    connect(h, a);
    h.core.shutdown();
    const auto frames = h.takeFramesTo(a);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].id, p::ClmDisconnectionMsg::kId);
}

}  // namespace
}  // namespace tutti::server::test
