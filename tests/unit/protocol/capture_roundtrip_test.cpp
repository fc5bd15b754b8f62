// Every datagram of the real Jamulus 3.9.1 captures must classify, decode and re-encode
// byte for byte.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <variant>

#include "capture_file.h"
#include "protocol/framing.h"
#include "protocol/messages.h"
#include "protocol/session.h"

namespace tutti::protocol {
namespace {

// The annotation names the id in parentheses: "CLIENT_ID(32) cnt=0 ...".
int idFromSummary(const std::string& summary) {
    const auto open = summary.find('(');
    const auto close = summary.find(')', open);
    return std::stoi(summary.substr(open + 1, close - open - 1));
}

std::string where(const test::CapturedDatagram& d) {
    return d.file + ":" + std::to_string(d.line) + " " + d.summary.substr(0, 80);
}

TEST(CaptureRoundTrip, EveryDatagramClassifiesDecodesAndReencodesExactly) {
    const auto datagrams = test::loadAllCaptures();
    int audio = 0;
    int protocol = 0;
    int unknown = 0;
    int splitParts = 0;
    for (const auto& d : datagrams) {
        const auto frame = parseFrame(d.bytes);
        if (d.summary.rfind("AUDIO", 0) == 0) {
            EXPECT_FALSE(frame.has_value()) << where(d);
            ++audio;
            continue;
        }
        ++protocol;
        ASSERT_TRUE(frame.has_value()) << where(d);
        EXPECT_EQ(frame->id, idFromSummary(d.summary)) << where(d);

        const auto message = decodeMessage(frame->id, frame->payload);
        ASSERT_TRUE(message.has_value()) << where(d);
        EXPECT_EQ(messageId(*message), frame->id) << where(d);
        const bool expectUnknown = d.summary.rfind("ID(", 0) == 0;
        EXPECT_EQ(std::holds_alternative<UnknownMsg>(*message), expectUnknown) << where(d);
        unknown += expectUnknown ? 1 : 0;
        splitParts += std::holds_alternative<SplitPartMsg>(*message) ? 1 : 0;

        EXPECT_EQ(encodeFrame(frame->id, frame->counter, encodeMessage(*message)), d.bytes)
            << where(d);
    }
    // Guards against a moved capture folder turning this into a test of nothing.
    EXPECT_GT(audio, 500);
    EXPECT_GT(protocol, 2500);
    EXPECT_EQ(unknown, 2);  // ids 99 and 999 sent by the scripted probes
    EXPECT_EQ(splitParts, 8);
    RecordProperty("audio", audio);
    RecordProperty("protocol", protocol);
}

TEST(CaptureRoundTrip, MalformedProbeWithProtocolTagIsAudio) {
    // Capture 06 holds a probe that starts like a protocol message (tag 00 00, id 1001) but is
    // one byte short for its length field; the server took it for audio and opened a channel.
    int probes = 0;
    for (const auto& d : test::loadAllCaptures()) {
        if (d.summary.rfind("AUDIO", 0) == 0 && d.bytes.size() >= 2 && d.bytes[0] == 0 &&
            d.bytes[1] == 0) {
            ++probes;
            EXPECT_FALSE(parseFrame(d.bytes).has_value()) << where(d);
        }
    }
    EXPECT_GE(probes, 1);
}

TEST(CaptureRoundTrip, SessionsReassembleTheCapturedSplitChats) {
    // One receiving session per direction of every conversation, fed the real traffic.
    std::map<std::string, Session> sessions;
    const auto t = Clock::time_point{} + std::chrono::hours(1);
    int reassembledChats = 0;
    for (const auto& d : test::loadAllCaptures()) {
        const auto frame = parseFrame(d.bytes);
        if (!frame || isConnectionlessId(frame->id)) {
            continue;
        }
        Session& s = sessions[d.file + " " + d.from + ">" + d.to];
        const auto received = s.receive(*frame, t);
        if (received && received->id == ChatTextMsg::kId && received->payload.size() > 550) {
            const auto chat = ChatTextMsg::decode(received->payload);
            ASSERT_TRUE(chat) << where(d);
            EXPECT_NE(chat->text.find(std::string(100, 'B')), std::string::npos) << where(d);
            ++reassembledChats;
        }
    }
    // bob's 700-character chat to the server, and the server's copy to each of three clients.
    EXPECT_EQ(reassembledChats, 4);
}

}  // namespace
}  // namespace tutti::protocol
