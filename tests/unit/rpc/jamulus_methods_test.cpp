// JSONRPC.md section 4: every jamulus/* and jamulusserver/* method, its result shape and its
// param errors.
#include <gtest/gtest.h>

#include "processor_rig.h"

namespace tutti::rpc::testing {
namespace {

class JamulusMethods : public ::testing::Test {
  protected:
    void SetUp() override { rig.authenticate(); }
    ProcessorRig rig;
};

TEST_F(JamulusMethods, GetModeAndVersion) {
    EXPECT_EQ(rig.call("jamulus/getMode"), okReply(R"({"mode":"server"})"));
    EXPECT_EQ(rig.call("jamulus/getVersion"), okReply(R"({"version":"3.11.0-tutti-test"})"));
}

TEST_F(JamulusMethods, GetClientsHasTheNewestShape) {
    EXPECT_EQ(rig.call("jamulusserver/getClients"), okReply(R"({"clients":[],"connections":0})"));
    rig.api.clientList = twoClients();
    EXPECT_EQ(
        rig.call("jamulusserver/getClients"),
        okReply(
            R"({"clients":[{"address":"127.0.0.1:22783","channels":1,"city":"Köln","countryName":"Germany","id":0,"instrumentCode":1,"jitterBufferSize":4,"name":"Alice Ä.","skillLevelCode":2},{"address":"127.0.0.1:22784","channels":1,"city":"Austin","countryName":"United States","id":1,"instrumentCode":5,"jitterBufferSize":8,"name":"Carol/Ünïcode na","skillLevelCode":3}],"connections":2})"));
}

TEST_F(JamulusMethods, GetServerProfileKeepsThe391NameAlongside) {
    rig.api.profile.name = "Head";
    rig.api.profile.city = "Town";
    rig.api.profile.countryId = 14;
    rig.api.profile.welcomeMessage = "Welcome <b>all</b>\n";
    rig.api.profile.directoryType = DirectoryType::Custom;
    rig.api.profile.directoryAddress = "127.0.0.1:22799";
    rig.api.profile.directory = "127.0.0.1:22799";
    rig.api.profile.registrationStatus = "requested";
    EXPECT_EQ(
        rig.call("jamulusserver/getServerProfile"),
        okReply(
            R"({"city":"Town","countryId":14,"directory":"127.0.0.1:22799","directoryAddress":"127.0.0.1:22799","directoryServer":"127.0.0.1:22799","directoryType":"custom","name":"Head","registrationStatus":"requested","welcomeMessage":"Welcome <b>all</b>\n"})"));
}

TEST_F(JamulusMethods, GetRecorderStatus) {
    rig.api.recorder = {true, true, true, "", "/rec", "/rec/Jam-1"};
    EXPECT_EQ(
        rig.call("jamulusserver/getRecorderStatus"),
        okReply(
            R"({"enabled":true,"errorMessage":"","initialised":true,"recordingDirectory":"/rec"})"));
}

TEST_F(JamulusMethods, StringSetters) {
    EXPECT_EQ(rig.call("jamulusserver/setServerName",
                       R"({"serverName":"A very long server name indeed"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.api.profile.name, "A very long server n");
    EXPECT_EQ(rig.call("jamulusserver/setWelcomeMessage", R"({"welcomeMessage":"<b>hi</b>"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.call("jamulusserver/setRecordingDirectory", R"({"recordingDirectory":"/tmp/r"})"),
              okReply(R"("acknowledged")"));
    EXPECT_EQ(rig.api.calls, (std::vector<std::string>{
                                 "setServerName(A very long server name indeed)",
                                 "setWelcomeMessage(<b>hi</b>)", "setRecordingDirectory(/tmp/r)"}));
}

TEST_F(JamulusMethods, StringSettersRejectNonStrings) {
    EXPECT_EQ(rig.call("jamulusserver/setServerName", R"({"serverName":5})"),
              errorReply(-32602, "Invalid params: serverName is not a string"));
    EXPECT_EQ(rig.call("jamulusserver/setWelcomeMessage", "{}"),
              errorReply(-32602, "Invalid params: welcomeMessage is not a string"));
    EXPECT_EQ(rig.call("jamulusserver/setRecordingDirectory", R"({"recordingDirectory":null})"),
              errorReply(-32602, "Invalid params: recordingDirectory is not a string"));
    EXPECT_TRUE(rig.api.calls.empty());
}

TEST_F(JamulusMethods, RecordingSwitches) {
    EXPECT_EQ(rig.call("jamulusserver/startRecording"), okReply(R"("acknowledged")"));
    EXPECT_EQ(rig.call("jamulusserver/stopRecording"), okReply(R"("acknowledged")"));
    EXPECT_EQ(rig.call("jamulusserver/restartRecording"), okReply(R"("acknowledged")"));
    EXPECT_EQ(rig.api.calls, (std::vector<std::string>{"startRecording()", "stopRecording()",
                                                       "restartRecording()"}));
}

TEST_F(JamulusMethods, SetDirectory) {
    EXPECT_EQ(rig.call("jamulusserver/setDirectory",
                       R"({"directoryType":"custom","directoryAddress":"127.0.0.1:22799"})"),
              okReply(R"("ok")"));
    // A missing address stores "" (clears a previously stored custom one).
    EXPECT_EQ(rig.call("jamulusserver/setDirectory", R"({"directoryType":"genre_jazz"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.call("jamulusserver/setDirectory", R"({"directoryType":"any_genre_3"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.api.calls, (std::vector<std::string>{"setDirectory(custom,127.0.0.1:22799)",
                                                       "setDirectory(genre_jazz,)",
                                                       "setDirectory(any_genre_asia,)"}));
}

TEST_F(JamulusMethods, SetDirectoryErrors) {
    EXPECT_EQ(rig.call("jamulusserver/setDirectory", R"({"directoryType":3})"),
              errorReply(-32602, "Invalid params: directory type is not a string"));
    EXPECT_EQ(
        rig.call("jamulusserver/setDirectory", R"({"directoryType":"none","directoryAddress":7})"),
        errorReply(-32602, "Invalid params: directory address is not a string"));
    EXPECT_EQ(
        rig.call("jamulusserver/setDirectory", R"({"directoryType":"custom"})"),
        errorReply(
            -32602,
            R"(Invalid params: directory address is required when directory type is \"custom\")"));
    EXPECT_EQ(
        rig.call("jamulusserver/setDirectory",
                 R"({"directoryType":"custom","directoryAddress":""})"),
        errorReply(
            -32602,
            R"(Invalid params: directory address is required when directory type is \"custom\")"));
    // Deliberate deviation: Jamulus takes "bogus" for any_genre_1.
    EXPECT_EQ(rig.call("jamulusserver/setDirectory", R"({"directoryType":"bogus"})"),
              errorReply(-32602, "Invalid params: unknown directory type"));
    EXPECT_TRUE(rig.api.calls.empty());
}

TEST_F(JamulusMethods, BroadcastChatMessage) {
    EXPECT_EQ(rig.call("jamulusserver/broadcastChatMessage",
                       R"({"chatMessage":"Server <i>says</i> hi"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.api.calls, (std::vector<std::string>{"broadcastChat(Server <i>says</i> hi)"}));
    EXPECT_EQ(rig.call("jamulusserver/broadcastChatMessage", R"({"chatMessage":1})"),
              errorReply(-32602, "Invalid params: chatMessage is not a string"));
}

TEST_F(JamulusMethods, PrivateChatMessage) {
    rig.api.clientList = twoClients();
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":1,"chatMessage":"psst"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.api.calls, (std::vector<std::string>{"privateChat(1,psst)"}));
}

TEST_F(JamulusMethods, PrivateChatMessageErrors) {
    rig.api.clientList = twoClients();
    const std::string malformed =
        errorReply(-32602, "Invalid params: chatMessage is not a string or malformed");
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":1})"), malformed);
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":1,"chatMessage":2})"),
              malformed);
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":1,"chatMessage":""})"),
              malformed);
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage",
                       R"({"id":1,"chatMessage":")" + std::string(1601, 'x') + "\"}"),
              malformed);
    // 1600 characters (not bytes) are fine.
    std::string longest;
    for (int i = 0; i < 1600; ++i) {
        longest += "ä";
    }
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage",
                       R"({"id":1,"chatMessage":")" + longest + "\"}"),
              okReply(R"("ok")"));
    const std::string badId = errorReply(-32602, "Invalid params: invalid channel ID");
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"chatMessage":"x"})"), badId);
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":"1","chatMessage":"x"})"),
              badId);
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":1.5,"chatMessage":"x"})"),
              badId);
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":1e12,"chatMessage":"x"})"),
              badId);
    EXPECT_EQ(rig.call("jamulusserver/privateChatMessage", R"({"id":7,"chatMessage":"x"})"), badId);
}

TEST_F(JamulusMethods, EveryMethodNeedsParamsAsAnObject) {
    for (const auto& [name, handler] : rig.table.all()) {
        EXPECT_EQ(rig.reply(R"({"id":1,"method":")" + name + R"("})"),
                  errorReply(-32602, "Invalid params: The `params` member is not an object"))
            << name;
    }
    EXPECT_TRUE(rig.api.calls.empty());
}

}  // namespace
}  // namespace tutti::rpc::testing
