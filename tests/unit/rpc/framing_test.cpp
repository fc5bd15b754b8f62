// Line framing, notification texts and the secret comparison: the pieces below the processor.
#include <gtest/gtest.h>

#include "src/rpc/line_framer.h"
#include "src/rpc/log_throttle.h"
#include "src/rpc/notifications.h"
#include "src/rpc/secret_compare.h"

namespace tutti::rpc {
namespace {

TEST(LineFramer, SplitsLinesAcrossChunksAndToleratesCarriageReturns) {
    LineFramer framer(100);
    EXPECT_TRUE(framer.append("{\"a\":1}\r\n{\"b\""));
    EXPECT_EQ(framer.nextLine(), "{\"a\":1}");
    EXPECT_EQ(framer.nextLine(), std::nullopt);
    EXPECT_TRUE(framer.append(":2}\n\n"));
    EXPECT_EQ(framer.nextLine(), "{\"b\":2}");
    EXPECT_EQ(framer.nextLine(), "");
    EXPECT_EQ(framer.nextLine(), std::nullopt);
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(LineFramer, AnUnterminatedLineOverTheLimitOverflows) {
    LineFramer framer(1000);
    const std::string chunk(400, 'x');
    EXPECT_TRUE(framer.append(chunk));
    EXPECT_TRUE(framer.append(chunk));
    EXPECT_FALSE(framer.append(chunk));
    EXPECT_TRUE(framer.overflowed());
    EXPECT_EQ(framer.pendingBytes(), 0u);  // nothing kept once overflowed
    EXPECT_FALSE(framer.append("\n"));
    EXPECT_EQ(framer.nextLine(), std::nullopt);
}

TEST(LineFramer, ATerminatedLineOverTheLimitOverflows) {
    LineFramer framer(10);
    EXPECT_TRUE(framer.append("short\n" + std::string(20, 'y') + "\n"));
    EXPECT_EQ(framer.nextLine(), "short");
    EXPECT_EQ(framer.nextLine(), std::nullopt);
    EXPECT_TRUE(framer.overflowed());
}

TEST(LineFramer, ManyLinesDoNotAccumulate) {
    LineFramer framer(64);
    for (int i = 0; i < 10000; ++i) {
        ASSERT_TRUE(framer.append("{}\n"));
        ASSERT_EQ(framer.nextLine(), "{}");
    }
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(Notifications, ExactlyAsNewestJamulusSendsThem) {
    EXPECT_EQ(
        clientConnectedNotification(1, "127.0.0.1", 2),
        R"({"jsonrpc":"2.0","method":"jamulusserver/clientConnected","params":{"address":"127.0.0.1","id":1,"totalChannels":2}})");
    EXPECT_EQ(clientDisconnectedNotification(0),
              R"({"jsonrpc":"2.0","method":"jamulusserver/clientDisconnected","params":{"id":0}})");
    EXPECT_EQ(
        chatMessageReceivedNotification(-1, "Server <i>says</i> hi"),
        R"({"jsonrpc":"2.0","method":"jamulusserver/chatMessageReceived","params":{"chatMessage":"Server <i>says</i> hi","id":-1}})");
    EXPECT_EQ(
        chatMessageReceivedNotification(
            0, R"(<font color="mediumblue">(08:55:46 PM) <b>Alice Ä.</b></font> from alice)"),
        R"({"jsonrpc":"2.0","method":"jamulusserver/chatMessageReceived","params":{"chatMessage":"<font color=\"mediumblue\">(08:55:46 PM) <b>Alice Ä.</b></font> from alice","id":0}})");
}

TEST(Notifications, TuttisOwn) {
    EXPECT_EQ(clientProfileChangedNotification(3),
              R"({"jsonrpc":"2.0","method":"tutti/clientProfileChanged","params":{"id":3}})");
    EXPECT_EQ(
        registrationStatusChangedNotification("registered"),
        R"({"jsonrpc":"2.0","method":"tutti/registrationStatusChanged","params":{"registrationStatus":"registered"}})");
    control::RecorderStatus status{true, true, false, "", "/r", ""};
    EXPECT_EQ(
        recordingStateChangedNotification(status),
        R"({"jsonrpc":"2.0","method":"tutti/recordingStateChanged","params":{"enabled":true,"errorMessage":"","initialised":true,"recording":false,"recordingDirectory":"/r","sessionDirectory":""}})");
}

TEST(LogThrottle, CapsEachKindPerWindowAndReportsWhatItHeldBack) {
    using namespace std::chrono_literals;
    LogThrottle throttle(2, 10s);
    std::vector<std::string> out;
    const LogThrottle::Sink sink = [&](const std::string& line) { out.push_back(line); };
    const auto t0 = LogThrottle::Clock::time_point() + 1h;
    for (int i = 0; i < 5; ++i) {
        throttle.log(LogKind::Connection, "c" + std::to_string(i), sink, t0);
    }
    throttle.log(LogKind::Drop, "d", sink, t0);
    throttle.log(LogKind::Always, "a", sink, t0);
    EXPECT_EQ(out, (std::vector<std::string>{"c0", "c1", "d", "a"}));
    throttle.log(LogKind::Connection, "c5", sink, t0 + 10s);
    EXPECT_EQ(out, (std::vector<std::string>{"c0", "c1", "d", "a",
                                             "- JSON-RPC: 3 similar console lines were not printed",
                                             "c5"}));
}

TEST(SecretCompare, MatchesOnlyTheExactSecret) {
    EXPECT_TRUE(secretMatches("0123456789abcdef", "0123456789abcdef"));
    EXPECT_FALSE(secretMatches("0123456789abcdeF", "0123456789abcdef"));
    EXPECT_FALSE(secretMatches("0123456789abcde", "0123456789abcdef"));
    EXPECT_FALSE(secretMatches("0123456789abcdef0", "0123456789abcdef"));
    EXPECT_FALSE(secretMatches("", "0123456789abcdef"));
    EXPECT_FALSE(secretMatches(std::string_view("0123456789abcdef\0", 17), "0123456789abcdef"));
}

}  // namespace
}  // namespace tutti::rpc
