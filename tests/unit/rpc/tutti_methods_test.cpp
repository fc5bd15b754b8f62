// Tutti's own tutti/* methods.
#include <gtest/gtest.h>

#include "processor_rig.h"

namespace tutti::rpc::testing {
namespace {

class TuttiMethods : public ::testing::Test {
  protected:
    void SetUp() override {
        rig.authenticate();
        rig.api.clientList = twoClients();
    }
    ProcessorRig rig;
};

TEST_F(TuttiMethods, KickClient) {
    EXPECT_EQ(rig.call("tutti/kickClient", R"({"id":1,"reason":"Closing time"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.call("tutti/kickClient", R"({"id":0})"), okReply(R"("ok")"));
    EXPECT_EQ(rig.api.calls,
              (std::vector<std::string>{"kick(1,Closing time,jsonrpc)", "kick(0,,jsonrpc)"}));
}

TEST_F(TuttiMethods, KickClientErrors) {
    const std::string badId =
        errorReply(-32602, "Invalid params: id is not a connected client's channel");
    EXPECT_EQ(rig.call("tutti/kickClient", "{}"), badId);
    EXPECT_EQ(rig.call("tutti/kickClient", R"({"id":"0"})"), badId);
    EXPECT_EQ(rig.call("tutti/kickClient", R"({"id":0,"reason":5})"),
              errorReply(-32602, "Invalid params: reason is not a string"));
    EXPECT_EQ(rig.api.calls.size(), 0u);
    EXPECT_EQ(rig.call("tutti/kickClient", R"({"id":9})"), badId);
}

TEST_F(TuttiMethods, EngineStatistics) {
    EngineStatistics& s = rig.api.statistics;
    s.ticks = 3000;
    s.lateTicks = 2;
    s.worstTickNs = 812345;
    s.worstDeadlineToSendNs = 901234;
    s.encodes = 6000;
    s.sharedEncodeSends = 10;
    s.maxEncodesPerTick = 4;
    s.workerThreads = 2;
    s.realtimeScheduling = 1;
    s.datagramsReceived = 6100;
    s.datagramsDropped = 3;
    s.floodHandovers = 1;
    s.clients = {{0, 2999, 1, 0, 3000, 4}, {1, 2990, 10, 2, 3000, 8}};
    EXPECT_EQ(
        rig.call("tutti/getEngineStatistics"),
        okReply(
            R"({"clients":[{"id":0,"jitterBufferSize":4,"packetsLate":0,"packetsLost":1,"packetsReceived":2999,"packetsSent":3000},{"id":1,"jitterBufferSize":8,"packetsLate":2,"packetsLost":10,"packetsReceived":2990,"packetsSent":3000}],"datagramsDropped":3,"datagramsReceived":6100,"encodes":6000,"encodesPerTick":2,"floodHandovers":1,"lateTicks":2,"maxEncodesPerTick":4,"realtimeScheduling":1,"sharedEncodeSends":10,"ticks":3000,"workerThreads":2,"worstDeadlineToSendNs":901234,"worstTickNs":812345})"));
}

TEST_F(TuttiMethods, Levels) {
    rig.api.levelList = {{0, 7}, {1, 0}};
    EXPECT_EQ(rig.call("tutti/getLevels"),
              okReply(R"({"levels":[{"id":0,"level":7},{"id":1,"level":0}]})"));
}

TEST_F(TuttiMethods, ClientsWithEveryDetail) {
    rig.api.clientList.resize(1);
    EXPECT_EQ(
        rig.call("tutti/getClients"),
        okReply(
            R"({"clients":[{"address":"127.0.0.1:22783","channels":1,"city":"Köln","connectedSeconds":12,"countryCode":82,"countryName":"Germany","id":0,"instrumentCode":1,"ip":"127.0.0.1","jitterBufferSize":4,"level":5,"name":"Alice Ä.","skillLevelCode":2}],"connections":1})"));
}

TEST_F(TuttiMethods, RecorderStatusAndToggle) {
    rig.api.recorder = {true, true, true, "", "/rec", "/rec/Jam-20261201-1200"};
    EXPECT_EQ(
        rig.call("tutti/getRecorderStatus"),
        okReply(
            R"({"enabled":true,"errorMessage":"","initialised":true,"recording":true,"recordingDirectory":"/rec","sessionDirectory":"/rec/Jam-20261201-1200"})"));
    EXPECT_EQ(rig.call("tutti/toggleRecording"), okReply(R"("acknowledged")"));
    EXPECT_EQ(rig.api.calls, (std::vector<std::string>{"toggleRecording()"}));
}

TEST_F(TuttiMethods, SubscribeEventsMarksTheSession) {
    EXPECT_FALSE(rig.session.tuttiEvents);
    EXPECT_EQ(rig.call("tutti/subscribeEvents"), okReply(R"("ok")"));
    EXPECT_TRUE(rig.session.tuttiEvents);
}

}  // namespace
}  // namespace tutti::rpc::testing
