// JSONRPC.md section 2 and 3: every framing and dispatch path, byte for byte.
#include <gtest/gtest.h>

#include "processor_rig.h"

namespace tutti::rpc::testing {
namespace {

TEST(RequestProcessor, BlankLineIsAnsweredAndKeepsTheConnection) {
    ProcessorRig rig;
    for (const char* blank : {"", " ", " \t \r"}) {
        const LineResult r = rig.line(blank);
        EXPECT_EQ(
            r.reply,
            R"({"error":{"code":-32700,"message":"Parse error: Blank line received"},"jsonrpc":"2.0"})");
        EXPECT_FALSE(r.close);
    }
}

TEST(RequestProcessor, InvalidJsonIsAnsweredAndCloses) {
    ProcessorRig rig;
    for (const char* bad : {"{", "42", "\"text\"", "null", "{\"a\":1} x", "\x01\x02\xff"}) {
        const LineResult r = rig.line(bad);
        EXPECT_EQ(
            r.reply,
            R"({"error":{"code":-32700,"message":"Parse error: Invalid JSON received"},"jsonrpc":"2.0"})")
            << bad;
        EXPECT_TRUE(r.close) << bad;
    }
}

TEST(RequestProcessor, EmptyBatchIsAnsweredAndCloses) {
    ProcessorRig rig;
    const LineResult r = rig.line("[]");
    EXPECT_EQ(
        r.reply,
        R"({"error":{"code":-32600,"message":"Invalid request: Empty batch request encountered"},"jsonrpc":"2.0"})");
    EXPECT_TRUE(r.close);
}

TEST(RequestProcessor, BatchWithANonObjectRunsNothingAndCloses) {
    ProcessorRig rig;
    rig.authenticate();
    const LineResult r = rig.line(
        R"([{"id":1,"method":"jamulusserver/setServerName","params":{"serverName":"X"}},5])");
    EXPECT_EQ(
        r.reply,
        R"({"error":{"code":-32600,"message":"Invalid request: Non-object item encountered in a batch request array"},"jsonrpc":"2.0"})");
    EXPECT_TRUE(r.close);
    EXPECT_TRUE(rig.api.calls.empty());
}

TEST(RequestProcessor, BatchAnswersEveryElementInOrderOnOneLine) {
    ProcessorRig rig;
    const LineResult r =
        rig.line(std::string(R"([{"id":1,"method":"jamulus/getMode","params":{}},)") +
                 R"({"id":2,"method":"jamulus/apiAuth","params":{"secret":")" + kSecret +
                 R"("}},)" + R"({"id":"three","method":"jamulus/getMode","params":{}}])");
    EXPECT_EQ(
        r.reply,
        R"([{"error":{"code":401,"message":"Unauthenticated: Please authenticate using jamulus/apiAuth first"},"id":1,"jsonrpc":"2.0"},)"
        R"({"id":2,"jsonrpc":"2.0","result":"ok"},)"
        R"({"id":"three","jsonrpc":"2.0","result":{"mode":"server"}}])");
    EXPECT_FALSE(r.close);
    EXPECT_EQ(r.unauthenticated, 1);
    EXPECT_EQ(r.authAccepted, 1);
}

TEST(RequestProcessor, MethodMustBeAString) {
    ProcessorRig rig;
    EXPECT_EQ(rig.reply(R"({"id":1,"method":5,"params":{}})"),
              errorReply(-32600, "Invalid request: The `method` member is not a string"));
    EXPECT_EQ(rig.reply(R"({"id":1,"params":{}})"),
              errorReply(-32600, "Invalid request: The `method` member is not a string"));
}

TEST(RequestProcessor, ParamsAreMandatoryAndMustBeAnObject) {
    ProcessorRig rig;
    const std::string expected =
        errorReply(-32602, "Invalid params: The `params` member is not an object");
    EXPECT_EQ(rig.reply(R"({"id":1,"method":"jamulus/getMode"})"), expected);
    EXPECT_EQ(rig.reply(R"({"id":1,"method":"jamulus/getMode","params":[]})"), expected);
    EXPECT_EQ(rig.reply(R"({"id":1,"method":"jamulus/apiAuth","params":"x"})"), expected);
}

TEST(RequestProcessor, EverythingButApiAuthNeedsAuthentication) {
    ProcessorRig rig;
    const std::string expected =
        errorReply(401, "Unauthenticated: Please authenticate using jamulus/apiAuth first");
    EXPECT_EQ(rig.call("jamulus/getMode"), expected);
    EXPECT_EQ(rig.call("no/suchMethod"), expected);
    EXPECT_EQ(rig.call("tutti/kickClient", R"({"id":0})"), expected);
    EXPECT_TRUE(rig.api.calls.empty());
}

TEST(RequestProcessor, UnknownMethodAfterAuthentication) {
    ProcessorRig rig;
    rig.authenticate();
    EXPECT_EQ(rig.call("no/suchMethod"), errorReply(-32601, "Method not found"));
    EXPECT_EQ(rig.call("jamulusclient/getChannelInfo"), errorReply(-32601, "Method not found"));
}

TEST(RequestProcessor, IdIsEchoedVerbatimAndNullWhenMissing) {
    ProcessorRig rig;
    rig.authenticate();
    EXPECT_EQ(rig.reply(R"({"id":"x","method":"jamulus/getMode","params":{}})"),
              R"({"id":"x","jsonrpc":"2.0","result":{"mode":"server"}})");
    EXPECT_EQ(rig.reply(R"({"id":[1,{"b":2}],"method":"jamulus/getMode","params":{}})"),
              R"({"id":[1,{"b":2}],"jsonrpc":"2.0","result":{"mode":"server"}})");
    EXPECT_EQ(rig.reply(R"({"id":2.5,"method":"jamulus/getMode","params":{}})"),
              R"({"id":2.5,"jsonrpc":"2.0","result":{"mode":"server"}})");
    EXPECT_EQ(rig.reply(R"({"method":"jamulus/getMode","params":{}})"),
              R"({"id":null,"jsonrpc":"2.0","result":{"mode":"server"}})");
    // The jsonrpc member is not checked, as in Jamulus.
    EXPECT_EQ(rig.reply(R"({"id":3,"jsonrpc":"1.0","method":"jamulus/getMode","params":{}})"),
              R"({"id":3,"jsonrpc":"2.0","result":{"mode":"server"}})");
}

TEST(RequestProcessor, ApiAuthAsObservedOn391) {
    ProcessorRig rig;
    EXPECT_EQ(
        rig.reply(R"({"id":1,"jsonrpc":"2.0","method":"jamulus/getMode","params":{}})"),
        R"({"error":{"code":401,"message":"Unauthenticated: Please authenticate using jamulus/apiAuth first"},"id":1,"jsonrpc":"2.0"})");
    LineResult wrong = rig.line(
        R"({"id":2,"jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":"wrong"}})");
    EXPECT_EQ(
        wrong.reply,
        R"({"error":{"code":400,"message":"Authentication failed."},"id":2,"jsonrpc":"2.0"})");
    EXPECT_EQ(wrong.authRejected, 1);
    EXPECT_EQ(
        rig.reply(R"({"id":3,"jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":123}})"),
        R"({"error":{"code":-32602,"message":"Invalid params: secret is not a string"},"id":3,"jsonrpc":"2.0"})");
    EXPECT_FALSE(rig.session.authenticated);
    LineResult right = rig.line(
        std::string(
            R"({"id":"x","jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":")") +
        kSecret + R"("}})");
    EXPECT_EQ(right.reply, R"({"id":"x","jsonrpc":"2.0","result":"ok"})");
    EXPECT_EQ(right.authAccepted, 1);
    EXPECT_TRUE(rig.session.authenticated);
    // A later failure does not revoke the success.
    rig.line(R"({"id":4,"method":"jamulus/apiAuth","params":{"secret":"wrong"}})");
    EXPECT_TRUE(rig.session.authenticated);
}

TEST(RequestProcessor, SecretMustMatchExactly) {
    ProcessorRig rig;
    const std::string secret = kSecret;
    for (const std::string& offer : {secret + "x", secret.substr(0, secret.size() - 1),
                                     std::string(), secret + "\n", " " + secret}) {
        rig.line(R"({"id":1,"method":"jamulus/apiAuth","params":{"secret":")" + offer + R"("}})");
        EXPECT_FALSE(rig.session.authenticated) << offer;
    }
}

TEST(RequestProcessor, OnlyOneGuessPerLine) {
    ProcessorRig rig;
    const LineResult r = rig.line(
        std::string(R"([{"id":1,"method":"jamulus/apiAuth","params":{"secret":"wrong"}},)") +
        R"({"id":2,"method":"jamulus/apiAuth","params":{"secret":")" + kSecret + R"("}}])");
    EXPECT_EQ(r.authRejected, 2);
    EXPECT_FALSE(rig.session.authenticated);
}

TEST(RequestProcessor, OutputIsCompactSortedRawUtf8) {
    ProcessorRig rig;
    rig.authenticate();
    rig.api.profile.name = "Ä/<b>&\"\x01";
    rig.api.profile.countryId = 82;
    const std::string reply = rig.call("jamulusserver/getServerProfile");
    EXPECT_NE(reply.find(R"("name":"Ä/<b>&\"\u0001")"), std::string::npos) << reply;
    EXPECT_NE(reply.find(R"("countryId":82,)"), std::string::npos) << reply;
    EXPECT_EQ(reply.find(' '), std::string::npos);
}

}  // namespace
}  // namespace tutti::rpc::testing
