#include "src/web/admin_api.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tests/unit/control/fake_operator_api.h"

namespace tutti::web {
namespace {

using control::testing::FakeOperatorApi;

class AdminApiTest : public ::testing::Test {
  protected:
    AdminApiTest() {
        control::ClientInfo bo;
        bo.id = 3;
        bo.ip = "192.0.2.9";
        bo.name = "Bo";
        api.clientList = {bo};
    }
    ApiReply post(const QString& path, const QByteArray& body) {
        return admin.handle("POST", path, "", body, "web:ops");
    }
    ApiReply get(const QString& path, const QString& query = "") {
        return admin.handle("GET", path, query, "", "web:ops");
    }
    static QJsonObject object(const ApiReply& r) {
        return QJsonDocument::fromJson(r.body).object();
    }

    FakeOperatorApi api;
    ChatHistory chat{api};
    AdminApi admin{api, chat, 8};
};

TEST_F(AdminApiTest, KickAndBanReachTheCommandLayerWithTheActor) {
    EXPECT_EQ(post("/api/clients/3/kick", R"({"reason":"too loud"})").status, 200);
    EXPECT_EQ(post("/api/clients/4/kick", "{}").status, 404);
    EXPECT_EQ(post("/api/clients/3/ban", R"({"durationSeconds":600,"reason":"spam"})").status, 200);
    EXPECT_EQ(post("/api/clients/3/ban", R"({"durationSeconds":-1})").status, 400);
    EXPECT_EQ(post("/api/bans", R"({"pattern":"2001:db8::/32","reason":"x"})").status, 200);
    EXPECT_EQ(post("/api/bans/remove", R"({"pattern":"2001:db8::/32"})").status, 200);
    EXPECT_EQ(post("/api/allowlist", R"({"pattern":"10.0.0.0/8","note":"lan"})").status, 200);
    EXPECT_EQ(post("/api/allowlist/remove", R"({"pattern":"10.0.0.0/8"})").status, 200);
    EXPECT_EQ(post("/api/allowlist/enabled", R"({"enabled":true})").status, 200);
    EXPECT_EQ(post("/api/allowlist/enabled", R"({"enabled":"yes"})").status, 400);
    EXPECT_EQ(post("/api/reload", "").status, 200);
    EXPECT_EQ(post("/api/backup", R"({"destination":"/tmp/b.db"})").status, 200);
    EXPECT_EQ(post("/api/backup", "{}").status, 400);
    EXPECT_EQ(api.calls, (std::vector<std::string>{
                             "kick(3,too loud,web:ops)", "kick(4,,web:ops)",
                             "banClient(3,600,spam,web:ops)", "ban(2001:db8::/32,0,x,web:ops)",
                             "unban(2001:db8::/32,web:ops)", "allow(10.0.0.0/8,lan,web:ops)",
                             "disallow(10.0.0.0/8,web:ops)", "setAllowlistEnabled(true,web:ops)",
                             "reload(web:ops)", "backupDatabase(/tmp/b.db,web:ops)"}));
}

TEST_F(AdminApiTest, RefusalsMapToHttpStatusesWithTheMessage) {
    api.answer = control::CommandResult{control::CommandError::Unavailable, "no --database"};
    ApiReply r = post("/api/reload", "");
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(object(r)["error"].toString(), "no --database");
    api.answer = control::CommandResult{control::CommandError::InvalidPattern, ""};
    r = post("/api/bans", R"({"pattern":"nonsense"})");
    EXPECT_EQ(r.status, 400);
    EXPECT_FALSE(object(r)["error"].toString().isEmpty());
    api.answer = control::CommandResult{control::CommandError::NotFound, ""};
    EXPECT_EQ(post("/api/bans/remove", R"({"pattern":"1.2.3.4"})").status, 404);
    api.answer = control::CommandResult{control::CommandError::Failed, "disk full"};
    EXPECT_EQ(post("/api/backup", R"({"destination":"/x"})").status, 500);
}

TEST_F(AdminApiTest, BadRequests) {
    EXPECT_EQ(post("/api/chat", "not json").status, 400);
    EXPECT_EQ(post("/api/chat", "[1,2]").status, 400);
    EXPECT_EQ(post("/api/nothing", "{}").status, 404);
    EXPECT_EQ(get("/api/reload").status, 405);
    EXPECT_EQ(admin.handle("DELETE", "/api/bans", "", "", "web:ops").status, 405);
    EXPECT_EQ(post("/api/clients/99999/kick", "{}").status, 404);
    EXPECT_EQ(post("/api/recording", R"({"action":"start"})").status, 409);  // no recorder
    api.recorder.initialised = true;
    EXPECT_EQ(post("/api/recording", R"({"action":"dance"})").status, 400);
    EXPECT_EQ(post("/api/recording", R"({"action":"toggle"})").status, 200);
    EXPECT_EQ(api.calls.back(), "toggleRecording()");
}

TEST_F(AdminApiTest, ChatAndSettings) {
    EXPECT_EQ(post("/api/chat", R"({"text":"hello <b>all</b>"})").status, 200);
    EXPECT_EQ(post("/api/chat", R"({"text":""})").status, 400);
    EXPECT_EQ(post("/api/server/name", R"({"name":"Band room"})").status, 200);
    EXPECT_EQ(post("/api/server/welcome", R"({"text":"Hi"})").status, 200);
    EXPECT_EQ(post("/api/clients/3/chat", R"({"text":"psst"})").status, 200);
    EXPECT_EQ(api.calls,
              (std::vector<std::string>{"broadcastChat(hello <b>all</b>)",  // not the empty one
                                        "setServerName(Band room)", "setWelcomeMessage(Hi)",
                                        "privateChat(3,psst)"}));
}

TEST_F(AdminApiTest, StatusCarriesClientsAndNewChatOnly) {
    api.levelList = {{3, 5}};
    api.statistics.clients = {{.id = 3, .packetsLost = 2, .jitterBufferSize = 6}};
    post("/api/chat", R"({"text":"one"})");
    post("/api/chat", R"({"text":"two"})");
    QJsonObject s = object(get("/api/status"));
    EXPECT_EQ(s["server"].toObject()["maxClients"].toInt(), 8);
    const QJsonObject client = s["clients"].toArray().at(0).toObject();
    EXPECT_EQ(client["name"].toString(), "Bo");
    EXPECT_EQ(client["level"].toInt(), 5);
    EXPECT_EQ(client["jitterBuffer"].toInt(), 6);
    EXPECT_EQ(client["packetsLost"].toInt(), 2);
    EXPECT_EQ(s["chat"].toArray().size(), 2);
    const int firstSeq = s["chat"].toArray().at(0).toObject()["seq"].toInt();
    s = object(get("/api/status", "chatSince=" + QString::number(firstSeq)));
    ASSERT_EQ(s["chat"].toArray().size(), 1);
    EXPECT_EQ(s["chat"].toArray().at(0).toObject()["html"].toString(), "two");
}

}  // namespace
}  // namespace tutti::web
