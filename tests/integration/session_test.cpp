// Simulated clients (real Opus audio, the real protocol conversation) against the real
// tutti-server binary on 127.0.0.1: what a client sees, hears and is told.
#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <vector>

#include "protocol/messages.h"
#include "server_process.h"
#include "tools/simclient/sim_client.h"
#include "tools/simclient/tone_analysis.h"

namespace tutti::test {
namespace {

namespace sc = tutti::simclient;
namespace p = tutti::protocol;
using namespace std::chrono_literals;

constexpr double kTone = 0.3;  // amplitude relative to full scale

sc::SimClientConfig clientConfig(uint16_t port, const std::string& name,
                                 sc::SimAudioFormat format) {
    sc::SimClientConfig c;
    c.serverPort = port;
    c.profile = {name, "Town", 82, 1, 2};
    c.format = format;
    return c;
}

const sc::SimAudioFormat kMonoOpus{p::Codec::Opus, 1, 45, 1, true};
const sc::SimAudioFormat kStereoOpus{p::Codec::Opus, 2, 71, 1, true};

// The client's list has n entries, all of them named (identified).
bool lists(const sc::SimClient& c, std::size_t n) {
    const auto& list = c.record().clientList;
    return list && list->size() == n &&
           std::all_of(list->begin(), list->end(), [](const auto& e) { return !e.name.empty(); });
}

// What a listener heard: the tone's amplitude (relative to full scale) per output channel.
struct Heard {
    double left = -1;  // the median 30 ms block: the level the server mixed
    double right = -1;
    double loudestLeft = -1;  // the loudest block: for silence checks, the strictest figure
    double loudestRight = -1;
};

// Tone levels of `listener` over 1.5 s, after letting changes settle, in 30 ms blocks (30 cycles
// of the 1 kHz tone). Late or lost packets (a loaded machine delaying the simulated clients) only
// spoil the blocks they hit and can only lower them, so the median block is the level the server
// mixed even when a few are spoilt.
Heard listen(std::span<sc::SimClient* const> all, sc::SimClient& listener,
             std::chrono::milliseconds settle = 300ms) {
    sc::runClients(all, sc::Clock::now() + settle);
    listener.clearPcm();
    sc::runClients(all, sc::Clock::now() + 1700ms);
    const auto& r = listener.record();
    const std::size_t channels = static_cast<std::size_t>(r.pcmChannels);
    const std::size_t block = 1440;
    const std::size_t blocks = 50;
    Heard heard;
    if (channels == 0 || r.pcm.size() < blocks * block * channels) {
        return heard;
    }
    const auto tail = std::span(r.pcm).last(blocks * block * channels);
    std::vector<double> left;
    std::vector<double> right;
    for (std::size_t b = 0; b < blocks; ++b) {
        const auto part = tail.subspan(b * block * channels, block * channels);
        left.push_back(sc::toneAmplitude(part, r.pcmChannels, 0, 1000.0));
        right.push_back(channels == 2 ? sc::toneAmplitude(part, 2, 1, 1000.0) : left.back());
    }
    heard.loudestLeft = *std::max_element(left.begin(), left.end());
    heard.loudestRight = *std::max_element(right.begin(), right.end());
    std::nth_element(left.begin(), left.begin() + blocks / 2, left.end());
    std::nth_element(right.begin(), right.begin() + blocks / 2, right.end());
    heard.left = left[blocks / 2];
    heard.right = right[blocks / 2];
    return heard;
}

// Waits (bounded) until `listener` hears the tone at >= 85 % of the sent level: the newcomer's
// 3 s fade-in is over.
bool waitForFullTone(std::span<sc::SimClient* const> all, sc::SimClient& listener) {
    const auto deadline = sc::Clock::now() + 15s;
    while (sc::Clock::now() < deadline) {
        const Heard h = listen(all, listener, 0ms);
        if (h.left > 0.85 * kTone && h.right > 0.85 * kTone) {
            return true;
        }
    }
    return false;
}

class SessionTest : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_TRUE(server.started()) << server.stderrText(); }
    ServerProcess server{{"-w", "Welcome <b>here</b>"}};
};

TEST_F(SessionTest, ConnectConversationArrivesInOrder) {
    sc::SimClient a(clientConfig(server.port(), "Alice", kMonoOpus));
    sc::SimClient* all[] = {&a};
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return a.record().recorderState.has_value(); }, 10s));
    std::vector<uint16_t> ids;
    for (uint16_t id : a.record().receivedIds) {
        if (!p::isConnectionlessId(id) && id != p::JittBufSizeMsg::kId &&
            id != p::ConnClientsListMsg::kId) {
            ids.push_back(id);
        }
    }
    // CLIENT_ID first, then the requests, the welcome, version and recorder state; client lists
    // and auto jitter sizes may interleave (PROTOCOL.md 5.2), so they are checked separately.
    const std::vector<uint16_t> expected = {
        p::ClientIdMsg::kId,       p::ReqSplitMessSupportMsg::kId, p::ReqNetwTransportPropsMsg::kId,
        p::ReqJittBufSizeMsg::kId, p::ReqChannelInfosMsg::kId,     p::ChatTextMsg::kId,
        p::VersionAndOsMsg::kId,   p::RecorderStateMsg::kId};
    ASSERT_GE(ids.size(), expected.size());
    EXPECT_EQ(std::vector<uint16_t>(ids.begin(), ids.begin() + expected.size()), expected);
    EXPECT_EQ(a.record().receivedIds.front(), p::ClientIdMsg::kId);
    EXPECT_EQ(a.record().clientId, 0);
    ASSERT_FALSE(a.record().chatTexts.empty());
    EXPECT_EQ(a.record().chatTexts.front(), "<b>Server Welcome Message:</b> Welcome <b>here</b>");
    EXPECT_EQ(a.record().recorderState, 1);
    EXPECT_TRUE(sc::runClientsUntil(
        all, [&] { return a.connected() && a.sequenceNumbersActive(); }, 5s));
}

TEST_F(SessionTest, ClientsSeeEachOtherHearEachOtherAndChat) {
    sc::SimClient a(clientConfig(server.port(), "Alice", kMonoOpus),
                    std::make_unique<sc::ToneSource>(1000.0, kTone));
    sc::SimClient b(clientConfig(server.port(), "Bob", kStereoOpus));
    sc::SimClient* all[] = {&a, &b};
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return lists(a, 2) && lists(b, 2); }, 10s));
    EXPECT_EQ(b.record().clientList->at(0).name, "Alice");
    EXPECT_EQ(b.record().clientList->at(1).name, "Bob");
    EXPECT_EQ(b.record().clientList->at(0).country, 82);

    // After the 3 s fade-in Bob hears Alice's tone at the level she sends, on both sides.
    ASSERT_TRUE(waitForFullTone(all, b));
    const Heard h = listen(all, b);
    EXPECT_NEAR(h.left, kTone, 0.25 * kTone);
    EXPECT_NEAR(h.right, kTone, 0.25 * kTone);
    EXPECT_EQ(b.record().audioDatagramsWrongLength, 0u);
    EXPECT_EQ(b.record().framesUndecodable, 0u);
    // Level lists: two entries, Alice loud, Bob silent.
    ASSERT_TRUE(b.record().levels);
    ASSERT_EQ(b.record().levels->size(), 2u);
    EXPECT_GE(b.record().levels->at(0), 5);
    EXPECT_EQ(b.record().levels->at(1), 0);

    a.sendChat("hi <all>");
    const std::string longText(700, 'x');
    b.sendChat(longText);
    auto heard = [](const sc::SimClient& c, const std::string& s) {
        const auto& t = c.record().chatTexts;
        return std::any_of(t.begin(), t.end(),
                           [&](const std::string& x) { return x.find(s) != std::string::npos; });
    };
    EXPECT_TRUE(sc::runClientsUntil(
        all,
        [&] {
            return heard(a, "<b>Alice</b></font> hi &lt;all&gt;") && heard(b, "hi &lt;all&gt;") &&
                   heard(a, "<b>Bob</b></font> " + longText) && heard(b, longText);
        },
        5s));
}

TEST_F(SessionTest, GainPanAndMuteChangeWhatTheListenerHears) {
    sc::SimClient a(clientConfig(server.port(), "Alice", kMonoOpus),
                    std::make_unique<sc::ToneSource>(1000.0, kTone));
    sc::SimClient b(clientConfig(server.port(), "Bob", kStereoOpus));
    sc::SimClient* all[] = {&a, &b};
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return lists(a, 2) && lists(b, 2); }, 10s));
    ASSERT_TRUE(waitForFullTone(all, b));
    const uint8_t alice = *a.record().clientId;
    const uint8_t bob = *b.record().clientId;

    b.setGain(alice, 0.5);
    Heard h = listen(all, b);
    EXPECT_NEAR(h.left, 0.5 * kTone, 0.15 * kTone);
    EXPECT_NEAR(h.right, 0.5 * kTone, 0.15 * kTone);

    b.setGain(alice, 1.0);
    b.setPan(alice, 0.0);  // hard left
    h = listen(all, b);
    EXPECT_NEAR(h.left, kTone, 0.25 * kTone);
    EXPECT_LT(h.loudestRight, 0.05 * kTone);

    b.setPan(alice, 0.75);
    h = listen(all, b);
    EXPECT_NEAR(h.left, 0.5 * kTone, 0.15 * kTone);
    EXPECT_NEAR(h.right, kTone, 0.25 * kTone);

    b.setGain(alice, 0.0);  // mute: silence, and Alice is told Bob muted her
    h = listen(all, b);
    EXPECT_LT(h.loudestLeft, 0.02 * kTone);
    EXPECT_LT(h.loudestRight, 0.02 * kTone);
    ASSERT_FALSE(a.record().muteNotices.empty());
    EXPECT_EQ(a.record().muteNotices.back().channel, bob);
    EXPECT_EQ(a.record().muteNotices.back().muted, 1);
    // Alice still hears herself.
    EXPECT_NEAR(listen(all, a, 0ms).left, kTone, 0.25 * kTone);
}

TEST_F(SessionTest, EveryAudioFormatGetsItsOwnFormatBack) {
    // OPUS64 mono (two frames per tick), OPUS stereo with block factor 2 (a 256-sample client),
    // high-quality stereo without sequence numbers.
    sc::SimClient a(clientConfig(server.port(), "Small", {p::Codec::Opus64, 1, 22, 1, true}),
                    std::make_unique<sc::ToneSource>(1000.0, kTone));
    sc::SimClient b(clientConfig(server.port(), "Big", {p::Codec::Opus, 2, 71, 2, true}));
    sc::SimClient c(clientConfig(server.port(), "High", {p::Codec::Opus, 2, 165, 1, true}));
    sc::SimClient* all[] = {&a, &b, &c};
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return lists(a, 3) && lists(b, 3) && lists(c, 3); }, 10s));
    for (sc::SimClient* cl : all) {
        ASSERT_TRUE(waitForFullTone(all, *cl)) << cl->config().profile.name;
    }
    for (sc::SimClient* cl : all) {
        const Heard h = listen(all, *cl, 100ms);
        EXPECT_NEAR(h.left, kTone, 0.25 * kTone) << cl->config().profile.name;
        EXPECT_NEAR(h.right, kTone, 0.25 * kTone) << cl->config().profile.name;
        EXPECT_EQ(cl->record().audioDatagramsWrongLength, 0u) << cl->config().profile.name;
        EXPECT_EQ(cl->record().framesUndecodable, 0u) << cl->config().profile.name;
        EXPECT_GT(cl->record().framesDecoded, 1000u) << cl->config().profile.name;
    }
}

TEST_F(SessionTest, DisconnectionRemovesTheClientForEveryoneElse) {
    sc::SimClient a(clientConfig(server.port(), "Alice", kMonoOpus));
    sc::SimClient b(clientConfig(server.port(), "Bob", kMonoOpus));
    sc::SimClient* all[] = {&a, &b};
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return lists(a, 2) && lists(b, 2); }, 10s));
    a.disconnect();
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return lists(b, 1); }, 5s));
    EXPECT_EQ(b.record().clientList->at(0).name, "Bob");
    // The ping with client count agrees.
    const auto reply = requestReply(server.port(),
                                    p::encodeFrame(p::ClmPingMsWithNumClientsMsg::kId, 0,
                                                   p::ClmPingMsWithNumClientsMsg{1, 0}.encode()),
                                    2s);
    auto f = p::parseFrame(reply);
    ASSERT_TRUE(f);
    EXPECT_EQ(p::ClmPingMsWithNumClientsMsg::decode(f->payload)->numClients, 1);
}

TEST_F(SessionTest, ServerFullIsAnsweredRarelyAndTheClientIsNotAdmitted) {
    ServerProcess small({"-u", "1"});
    ASSERT_TRUE(small.started());
    sc::SimClient a(clientConfig(small.port(), "Alice", kMonoOpus));
    sc::SimClient b(clientConfig(small.port(), "Bob", kMonoOpus));
    sc::SimClient* first[] = {&a};
    ASSERT_TRUE(sc::runClientsUntil(
        first, [&] { return lists(a, 1); }, 10s));
    sc::SimClient* all[] = {&a, &b};
    sc::runClients(all, sc::Clock::now() + 2500ms);
    // About 940 refused datagrams in 2.5 s; at most one answer per second.
    EXPECT_GE(b.record().serverFullCount, 2u);
    EXPECT_LE(b.record().serverFullCount, 4u);
    EXPECT_FALSE(b.record().clientId.has_value());
    EXPECT_EQ(a.record().clientList->size(), 1u);
}

TEST_F(SessionTest, SilentClientTimesOutAfter30Seconds) {
    sc::SimClient a(clientConfig(server.port(), "Alice", kMonoOpus));
    sc::SimClient b(clientConfig(server.port(), "Bob", kMonoOpus));
    sc::SimClient* all[] = {&a, &b};
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return lists(a, 2) && lists(b, 2); }, 10s));
    a.setSendAudio(false);  // crashed client: no audio, no goodbye
    const auto stopped = sc::Clock::now();
    ASSERT_TRUE(sc::runClientsUntil(
        all, [&] { return lists(b, 1); }, 40s));
    const double after = std::chrono::duration<double>(sc::Clock::now() - stopped).count();
    EXPECT_GT(after, 29.0);
    EXPECT_LT(after, 32.0);
}

}  // namespace
}  // namespace tutti::test
