// The composition root end to end, without a front end of its own: the real ServerApp on a
// 127.0.0.1 port with simulated clients, driven through OperatorApi as JSON-RPC will drive it.
#include "src/app/server_app.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <QCoreApplication>
#include <algorithm>
#include <clocale>
#include <filesystem>
#include <functional>
#include <thread>

#include "tools/simclient/sim_client.h"

namespace tutti::app {
namespace {

using simclient::Clock;
using simclient::SimClient;

QCoreApplication& qtApp() {
    static int argc = 1;
    static char name[] = "server_app_test";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}

struct Events : control::OperatorEvents {
    std::vector<std::string> lines;
    std::vector<control::RecorderStatus> recordings;
    void clientConnected(int id, const std::string& ip, int total) override {
        lines.push_back("connected " + std::to_string(id) + " " + ip + " " + std::to_string(total));
    }
    void clientDisconnected(int id) override {
        lines.push_back("disconnected " + std::to_string(id));
    }
    void chatMessage(int id, const std::string& html) override {
        lines.push_back("chat " + std::to_string(id) + " " + html);
    }
    void registrationStatusChanged(const std::string& key) override {
        lines.push_back("registration " + key);
    }
    void recordingStateChanged(const control::RecorderStatus& s) override {
        recordings.push_back(s);
    }
    bool has(const std::string& prefix) const {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
    }
};

class ServerAppTest : public testing::Test {
  protected:
    ServerAppTest() {
        qtApp();
        std::setlocale(LC_TIME, "C");
        char tmpl[] = "/tmp/tutti-app-test-XXXXXX";
        dir_ = mkdtemp(tmpl);
        ServerOptions o;
        o.port = 0;
        o.maxChannels = 4;
        o.noIpv6 = true;
        o.bindIpv4 = "127.0.0.1";
        o.serverInfo = "Test Srv;Town;de";
        app_ = std::make_unique<ServerApp>(o, "3.11.0-tutti-test",
                                           [this](const std::string& l) { log_.push_back(l); });
        app_->api().subscribe(&events_);
        EXPECT_EQ(app_->start(), "");
    }
    ~ServerAppTest() override {
        app_->api().unsubscribe(&events_);
        app_->stop();
        app_.reset();
        clients_.clear();
        std::filesystem::remove_all(dir_);
    }

    SimClient& join(const std::string& name) {
        simclient::SimClientConfig c;
        c.serverPort = app_->port();
        c.profile.name = name;
        c.profile.city = "K\xC3\xB6ln";
        c.profile.country = 82;
        c.profile.instrument = 5;
        c.profile.skill = 2;
        clients_.push_back(std::make_unique<SimClient>(c));
        return *clients_.back();
    }

    // Runs the server's event loop and the clients until `done` (bounded).
    bool runUntil(const std::function<bool()>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        const auto end = Clock::now() + timeout;
        while (Clock::now() < end) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
            for (auto& c : clients_) {
                c->service(Clock::now());
            }
            if (done()) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        return false;
    }

    control::OperatorApi& api() { return app_->api(); }

    std::string dir_;
    std::vector<std::string> log_;
    Events events_;
    std::unique_ptr<ServerApp> app_;
    std::vector<std::unique_ptr<SimClient>> clients_;
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_F(ServerAppTest, ClientsChatAndKickGoThroughTheCommandLayer) {
    SimClient& alice = join("Alice");
    ASSERT_TRUE(
        runUntil([&] { return api().clients().size() == 1 && !api().clients()[0].name.empty(); }));
    SimClient& bob = join("Bob");
    ASSERT_TRUE(runUntil([&] {
        const auto c = api().clients();
        return c.size() == 2 && c[1].name == "Bob" && c[0].jitterBufferSize > 0 && bob.connected();
    }));
    std::vector<control::ClientInfo> clients = api().clients();
    EXPECT_EQ(clients[0].id, 0);
    EXPECT_EQ(clients[0].name, "Alice");
    EXPECT_EQ(clients[0].ip, "127.0.0.1");
    EXPECT_EQ(clients[0].address, "127.0.0.1:" + std::to_string(alice.localPort()));
    EXPECT_EQ(clients[0].city, "K\xC3\xB6ln");
    EXPECT_EQ(clients[0].countryCode, 82);
    EXPECT_EQ(clients[0].countryName, "Germany");
    EXPECT_EQ(clients[0].instrumentCode, 5);
    EXPECT_EQ(clients[0].skillLevelCode, 2);
    EXPECT_EQ(clients[0].channels, 1);
    EXPECT_TRUE(contains(events_.lines, "connected 0 127.0.0.1 1"));
    EXPECT_TRUE(contains(events_.lines, "connected 1 127.0.0.1 2"));

    // Operator broadcast: as is to everyone, announced with id -1.
    EXPECT_EQ(api().broadcastChat("Server <i>says</i> hi"), control::CommandError::None);
    ASSERT_TRUE(runUntil([&] {
        return contains(alice.record().chatTexts, "Server <i>says</i> hi") &&
               contains(bob.record().chatTexts, "Server <i>says</i> hi");
    }));
    EXPECT_TRUE(contains(events_.lines, "chat -1 Server <i>says</i> hi"));
    // A client's chat: announced with its id and the decorated HTML.
    alice.sendChat("from alice");
    ASSERT_TRUE(runUntil([&] { return events_.has("chat 0 <font color="); }));
    // Private chat reaches Bob only.
    EXPECT_EQ(api().privateChat(1, "psst"), control::CommandError::None);
    EXPECT_EQ(api().privateChat(3, "nobody"), control::CommandError::InvalidChannel);
    ASSERT_TRUE(runUntil([&] { return contains(bob.record().chatTexts, "psst"); }));
    EXPECT_FALSE(contains(alice.record().chatTexts, "psst"));

    // Kick with a reason: the chat line first, then the disconnection; Bob's list shrinks.
    EXPECT_EQ(api().kick(0, "Please mute your mic", "test"), control::CommandError::None);
    ASSERT_TRUE(runUntil([&] {
        return alice.record().disconnectedByServer && api().clients().size() == 1 &&
               bob.record().clientList && bob.record().clientList->size() == 1;
    }));
    EXPECT_TRUE(contains(alice.record().chatTexts, "Please mute your mic"));
    EXPECT_TRUE(contains(events_.lines, "disconnected 0"));
    EXPECT_EQ(api().clients()[0].name, "Bob");
    EXPECT_EQ(api().kick(0, "", "test"), control::CommandError::InvalidChannel);

    // Figures from the engine for the one left.
    ASSERT_TRUE(runUntil([&] {
        const auto s = api().engineStatistics();
        return s.clients.size() == 1 && s.clients[0].packetsReceived > 50 &&
               s.clients[0].packetsSent > 50;
    }));
    const control::EngineStatistics s = api().engineStatistics();
    EXPECT_GT(s.ticks, 0u);
    EXPECT_EQ(s.clients[0].id, 1);
    ASSERT_EQ(api().levels().size(), 1u);
    EXPECT_EQ(api().levels()[0].id, 1);
}

TEST_F(ServerAppTest, ProfileDirectoryAndWelcome) {
    control::ServerProfile p = api().serverProfile();
    EXPECT_EQ(p.name, "Test Srv");
    EXPECT_EQ(p.city, "Town");
    EXPECT_EQ(p.countryId, 82);
    EXPECT_EQ(p.registrationStatus, "not_registered");
    EXPECT_EQ(p.directoryType, control::DirectoryType::None);

    api().setServerName("A much longer server name");
    api().setWelcomeMessage("Welcome <b>all</b>");
    p = api().serverProfile();
    EXPECT_EQ(p.name, "A much longer server");
    EXPECT_EQ(p.welcomeMessage, "Welcome <b>all</b>");
    SimClient& carol = join("Carol");
    ASSERT_TRUE(runUntil([&] {
        return contains(carol.record().chatTexts,
                        "<b>Server Welcome Message:</b> Welcome <b>all</b>");
    }));

    EXPECT_EQ(api().setDirectory(control::DirectoryType::Custom, "localhost"),
              control::CommandError::None);
    EXPECT_EQ(api().serverProfile().registrationStatus, "registered");
    EXPECT_TRUE(contains(events_.lines, "registration registered"));
    EXPECT_TRUE(contains(log_, "Now a directory"));
    EXPECT_EQ(api().setDirectory(control::DirectoryType::None, ""), control::CommandError::None);
    EXPECT_EQ(api().serverProfile().registrationStatus, "not_registered");
    EXPECT_TRUE(contains(log_, "No longer a directory"));
}

TEST_F(ServerAppTest, RecordingDirectorySetAtRunTimeRecordsTheClientsPresent) {
    SimClient& dave = join("Dave");
    ASSERT_TRUE(runUntil([&] { return dave.connected(); }));
    EXPECT_FALSE(api().recorderStatus().initialised);
    const std::string rec = dir_ + "/rec";
    api().setRecordingDirectory(rec);
    control::RecorderStatus r = api().recorderStatus();
    EXPECT_TRUE(r.initialised);
    EXPECT_TRUE(r.enabled);
    EXPECT_EQ(r.recordingDirectory, rec);
    ASSERT_TRUE(runUntil([&] { return api().recorderStatus().recording; }));
    EXPECT_EQ(api().recorderStatus().sessionDirectory.rfind(rec + "/Jam-", 0), 0u);
    ASSERT_TRUE(runUntil([&] { return dave.record().recorderState == 3; }));
    ASSERT_FALSE(events_.recordings.empty());

    api().stopRecording();
    EXPECT_FALSE(api().recorderStatus().enabled);
    ASSERT_TRUE(runUntil(
        [&] { return dave.record().recorderState == 2 && !api().recorderStatus().recording; }));
    EXPECT_FALSE(events_.recordings.back().enabled);
    api().toggleRecording();  // SIGUSR2
    EXPECT_TRUE(api().recorderStatus().enabled);
    api().setRecordingDirectory("");
    EXPECT_FALSE(api().recorderStatus().initialised);
    ASSERT_TRUE(runUntil([&] { return dave.record().recorderState == 1; }));
}

}  // namespace
}  // namespace tutti::app
