// The real JsonRpcServer on 127.0.0.1 (port 0) driven over TCP from the same process: auth,
// notifications, console lines, and the abuse cases of the issue's point 5, each while an
// operator's fresh connection must still authenticate and get an answer within 15 s.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fcntl.h>
#include <QElapsedTimer>
#include <algorithm>
#include <memory>

#include "rpc_test_data.h"
#include "socket_test_util.h"
#include "src/rpc/json_rpc_server.h"

namespace tutti::rpc::testing {
namespace {

using namespace std::chrono_literals;

const std::string kAuth =
    std::string(R"({"id":"auth","jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":")") +
    kSecret + R"("}})";
const std::string kGetMode = R"({"id":1,"jsonrpc":"2.0","method":"jamulus/getMode","params":{}})";
const std::string kAuthOk = R"({"id":"auth","jsonrpc":"2.0","result":"ok"})";
const std::string kModeOk = R"({"id":1,"jsonrpc":"2.0","result":{"mode":"server"}})";

struct ServerRig {
    explicit ServerRig(const JsonRpcLimits& limits = {}) {
        server.setLimits(limits);
        EXPECT_EQ(server.listen(), "");
    }
    bool logHas(const std::string& part) const {
        return std::any_of(log.begin(), log.end(),
                           [&](const std::string& l) { return l.find(part) != std::string::npos; });
    }
    int logCount(const std::string& part) const {
        return static_cast<int>(std::count_if(log.begin(), log.end(), [&](const std::string& l) {
            return l.find(part) != std::string::npos;
        }));
    }
    std::unique_ptr<LineClient> authenticatedClient() {
        auto client = std::make_unique<LineClient>(server.port());
        EXPECT_TRUE(client->waitConnected());
        client->send(kAuth);
        EXPECT_EQ(client->next(), kAuthOk);
        return client;
    }
    // A fresh operator connection authenticates and gets an answer; returns how long it took.
    std::chrono::milliseconds operatorRoundTrip() {
        QElapsedTimer clock;
        clock.start();
        LineClient op(server.port());
        if (!op.waitConnected(15s)) {
            return 999s;
        }
        op.send(kAuth);
        op.send(kGetMode);
        const auto auth = op.next(15s);
        const auto mode = op.next(15s);
        if (auth != kAuthOk || mode != kModeOk) {
            return 999s;
        }
        return std::chrono::milliseconds(clock.elapsed());
    }

    FakeOperatorApi api;
    std::vector<std::string> log;
    JsonRpcServer server{api, JsonRpcConfig{0, "127.0.0.1", kSecret},
                         [this](const std::string& line) { log.push_back(line); }};
};

// A plain socket that connects and then never reads: what Qt would not let us build.
class RawPeer {
  public:
    explicit RawPeer(uint16_t port, int receiveBuffer = 0) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (receiveBuffer > 0) {
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        }
        ::fcntl(fd_, F_SETFL, O_NONBLOCK);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    }
    ~RawPeer() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    bool valid() const { return fd_ >= 0; }
    // Sends what the kernel takes now; returns the bytes taken.
    std::size_t sendSome(const std::string& bytes) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        return n > 0 ? static_cast<std::size_t>(n) : 0;
    }

  private:
    int fd_ = -1;
};

TEST(JsonRpcServer, AuthenticatesAndAnswersWithTheConsoleLinesOfJamulus) {
    ServerRig rig;
    EXPECT_NE(rig.server.port(), 0);
    LineClient client(rig.server.port());
    ASSERT_TRUE(client.waitConnected());
    client.send(kGetMode);
    EXPECT_EQ(
        client.next(),
        R"({"error":{"code":401,"message":"Unauthenticated: Please authenticate using jamulus/apiAuth first"},"id":1,"jsonrpc":"2.0"})");
    client.send(
        R"({"id":2,"jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":"wrong"}})");
    EXPECT_EQ(
        client.next(),
        R"({"error":{"code":400,"message":"Authentication failed."},"id":2,"jsonrpc":"2.0"})");
    client.send(kAuth);
    client.send(kGetMode);
    EXPECT_EQ(client.next(), kAuthOk);
    EXPECT_EQ(client.next(), kModeOk);
    client.send("\r");  // a blank line (with \r) is answered and keeps the connection
    EXPECT_EQ(
        client.next(),
        R"({"error":{"code":-32700,"message":"Parse error: Blank line received"},"jsonrpc":"2.0"})");
    client.socket().disconnectFromHost();
    ASSERT_TRUE(pumpUntil([&] { return rig.logHas("closed"); }, 5s));
    EXPECT_EQ(rig.log, (std::vector<std::string>{
                           R"(- JSON-RPC: received connection from: "127.0.0.1")",
                           R"(- JSON-RPC: rejected unauthenticated request from "127.0.0.1")",
                           R"(- JSON-RPC: rejected invalid authentication secret from "127.0.0.1")",
                           R"(- JSON-RPC: accepted valid authentication secret from "127.0.0.1")",
                           R"(- JSON-RPC: connection from: "127.0.0.1" closed)",
                       }));
}

TEST(JsonRpcServer, ListenReportsBadAddressesAndBusyPorts) {
    FakeOperatorApi api;
    JsonRpcServer bad(api, JsonRpcConfig{0, "not-an-ip", kSecret}, [](const std::string&) {});
    EXPECT_NE(bad.listen(), "");
    ServerRig rig;
    JsonRpcServer busy(api, JsonRpcConfig{rig.server.port(), "127.0.0.1", kSecret},
                       [](const std::string&) {});
    EXPECT_NE(busy.listen(), "");
}

TEST(JsonRpcServer, NotificationsReachOnlyAuthenticatedConnections) {
    ServerRig rig;
    auto listener = rig.authenticatedClient();
    auto subscriber = rig.authenticatedClient();
    subscriber->send(R"({"id":1,"jsonrpc":"2.0","method":"tutti/subscribeEvents","params":{}})");
    EXPECT_EQ(subscriber->next(), R"({"id":1,"jsonrpc":"2.0","result":"ok"})");
    LineClient stranger(rig.server.port());
    ASSERT_TRUE(stranger.waitConnected());
    ASSERT_TRUE(pumpUntil([&] { return rig.server.connectionCount() == 3; }, 5s));

    rig.api.fireConnected(0, "127.0.0.1", 1);
    rig.api.fireChat(0, "<b>Alice</b> hi");
    rig.api.fireRegistration("registered");
    rig.api.fireDisconnected(0);
    const std::vector<std::string> expected{
        R"({"jsonrpc":"2.0","method":"jamulusserver/clientConnected","params":{"address":"127.0.0.1","id":0,"totalChannels":1}})",
        R"({"jsonrpc":"2.0","method":"jamulusserver/chatMessageReceived","params":{"chatMessage":"<b>Alice</b> hi","id":0}})",
        R"({"jsonrpc":"2.0","method":"jamulusserver/clientDisconnected","params":{"id":0}})",
    };
    for (const std::string& line : expected) {
        EXPECT_EQ(listener->next(), line);
    }
    EXPECT_EQ(subscriber->next(), expected[0]);
    EXPECT_EQ(subscriber->next(), expected[1]);
    EXPECT_EQ(
        subscriber->next(),
        R"({"jsonrpc":"2.0","method":"tutti/registrationStatusChanged","params":{"registrationStatus":"registered"}})");
    EXPECT_EQ(subscriber->next(), expected[2]);
    // The stranger's first line is the answer to its own request: no notification came before.
    stranger.send(kGetMode);
    const auto first = stranger.next();
    ASSERT_TRUE(first.has_value());
    EXPECT_NE(first->find("\"code\":401"), std::string::npos) << *first;
    // And the plain Jamulus listener never saw Tutti's own notification.
    pumpFor(50ms);
    EXPECT_TRUE(listener->lines.empty());
}

TEST(JsonRpcServer, BroadcastNotificationArrivesBeforeTheResponse) {
    ServerRig rig;
    auto caller = rig.authenticatedClient();
    caller->send(
        R"({"id":7,"jsonrpc":"2.0","method":"jamulusserver/broadcastChatMessage","params":{"chatMessage":"Server <i>says</i> hi"}})");
    EXPECT_EQ(
        caller->next(),
        R"({"jsonrpc":"2.0","method":"jamulusserver/chatMessageReceived","params":{"chatMessage":"Server <i>says</i> hi","id":-1}})");
    EXPECT_EQ(caller->next(), R"({"id":7,"jsonrpc":"2.0","result":"ok"})");
}

TEST(JsonRpcServer, InvalidJsonIsAnsweredThenTheConnectionCloses) {
    ServerRig rig;
    LineClient client(rig.server.port());
    ASSERT_TRUE(client.waitConnected());
    client.sendRaw(std::string("\x16\x03\x01\x02\x00 garbage\n", 15));
    EXPECT_EQ(
        client.next(),
        R"({"error":{"code":-32700,"message":"Parse error: Invalid JSON received"},"jsonrpc":"2.0"})");
    EXPECT_TRUE(client.waitClosed());
    EXPECT_TRUE(rig.logHas("dropping connection"));
}

TEST(JsonRpcServer, ConnectionsThatDoNotAuthenticateInTimeAreClosed) {
    JsonRpcLimits limits;
    limits.authTimeout = 300ms;
    ServerRig rig(limits);
    LineClient idle(rig.server.port());
    auto authenticated = rig.authenticatedClient();
    ASSERT_TRUE(idle.waitConnected());
    EXPECT_TRUE(idle.waitClosed(5s));
    EXPECT_TRUE(rig.logHas("not authenticated within 300 ms"));
    pumpFor(100ms);
    EXPECT_FALSE(authenticated->closed);
    authenticated->send(kGetMode);
    EXPECT_EQ(authenticated->next(), kModeOk);
}

TEST(JsonRpcServer, AtTheLimitTheOldestUnauthenticatedConnectionGivesWay) {
    JsonRpcLimits limits;
    limits.maxConnections = 3;
    ServerRig rig(limits);
    auto authenticated = rig.authenticatedClient();
    LineClient oldest(rig.server.port());
    ASSERT_TRUE(pumpUntil([&] { return rig.server.connectionCount() == 2; }, 5s));
    LineClient younger(rig.server.port());
    ASSERT_TRUE(pumpUntil([&] { return rig.server.connectionCount() == 3; }, 5s));
    LineClient newest(rig.server.port());
    EXPECT_TRUE(oldest.waitClosed());
    EXPECT_TRUE(rig.logHas("making room for a new connection (limit 3)"));
    EXPECT_FALSE(younger.closed);
    EXPECT_FALSE(authenticated->closed);
    newest.send(kAuth);
    EXPECT_EQ(newest.next(), kAuthOk);
}

TEST(JsonRpcServer, WhenAllConnectionsAreAuthenticatedANewOneIsRefused) {
    JsonRpcLimits limits;
    limits.maxConnections = 2;
    ServerRig rig(limits);
    auto a = rig.authenticatedClient();
    auto b = rig.authenticatedClient();
    LineClient third(rig.server.port());
    EXPECT_TRUE(third.waitClosed());
    EXPECT_TRUE(rig.logHas("refusing connection"));
    a->send(kGetMode);
    EXPECT_EQ(a->next(), kModeOk);
}

TEST(JsonRpcServer, AWrongSecretDelaysTheNextAttemptWithoutBlockingOthers) {
    ServerRig rig;  // default delay
    const auto delay = rig.server.limits().failedAuthDelay;
    LineClient guesser(rig.server.port());
    ASSERT_TRUE(guesser.waitConnected());
    guesser.send(
        R"({"id":1,"jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":"guess-one-guess-one"}})");
    guesser.send(kAuth);
    ASSERT_TRUE(guesser.next().has_value());
    QElapsedTimer clock;
    clock.start();
    // Meanwhile another connection is served at once.
    auto other = rig.authenticatedClient();
    other->send(kGetMode);
    EXPECT_EQ(other->next(), kModeOk);
    EXPECT_LT(clock.elapsed(), delay.count() * 9 / 10);
    // The guesser's next attempt is honoured only after the delay.
    EXPECT_EQ(guesser.next(delay * 3), kAuthOk);
    EXPECT_GE(clock.elapsed(), delay.count() * 9 / 10);
}

TEST(JsonRpcServer, UnauthenticatedFloodsAreLoggedOnlyAFewTimes) {
    ServerRig rig;
    LineClient flooder(rig.server.port());
    ASSERT_TRUE(flooder.waitConnected());
    std::string burst;
    for (int i = 0; i < 500; ++i) {
        burst += kGetMode + "\n";
    }
    flooder.sendRaw(burst);
    ASSERT_TRUE(pumpUntil([&] { return flooder.lines.size() == 500; }, 10s));
    EXPECT_EQ(rig.logCount("rejected unauthenticated request"),
              rig.server.limits().rejectedLinesLogged);
    EXPECT_EQ(rig.logCount("further unauthenticated requests"), 1);
}

TEST(JsonRpcServer, ConsoleLinesAreCappedPerKindAndWindow) {
    JsonRpcLimits limits;
    limits.logLinesPerWindow = 4;
    limits.logWindow = 300ms;
    ServerRig rig(limits);
    std::vector<std::unique_ptr<LineClient>> clients;
    for (int i = 0; i < 6; ++i) {
        clients.push_back(std::make_unique<LineClient>(rig.server.port()));
    }
    ASSERT_TRUE(pumpUntil([&] { return rig.server.connectionCount() == 6; }, 5s));
    EXPECT_EQ(rig.logCount("received connection"), 4);
    // A flood of one kind does not hide a line of another.
    clients[0]->send("garbage");
    EXPECT_TRUE(pumpUntil([&] { return rig.logHas("invalid request line"); }, 5s));
    pumpFor(400ms);
    auto late = rig.authenticatedClient();
    EXPECT_TRUE(rig.logHas(" similar console lines were not printed"));
    EXPECT_TRUE(rig.logHas("accepted valid authentication secret"));
}

TEST(JsonRpcServer, ATenMegabyteLineIsDroppedWhileOperatorsWork) {
    ServerRig rig;
    LineClient flooder(rig.server.port());
    ASSERT_TRUE(flooder.waitConnected());
    flooder.sendRaw(std::string(10 * 1024 * 1024, 'x'));
    EXPECT_LT(rig.operatorRoundTrip(), 15s);
    EXPECT_TRUE(flooder.waitClosed(15s));
    EXPECT_TRUE(rig.logHas("line longer than 262144 bytes"));
}

TEST(JsonRpcServer, AThousandIdleConnectionsDoNotLockOutTheOperator) {
    constexpr int kIdle = 1000;
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < 2 * kIdle + 200) {
        files.rlim_cur = std::min<rlim_t>(files.rlim_max, 2 * kIdle + 200);
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    ASSERT_GE(files.rlim_cur, static_cast<rlim_t>(2 * kIdle + 100)) << "cannot raise RLIMIT_NOFILE";
    JsonRpcLimits limits;
    limits.logLinesPerWindow = 10 * kIdle;  // the test counts the connections by their lines
    ServerRig rig(limits);
    std::vector<std::unique_ptr<RawPeer>> idle;
    for (int i = 0; i < kIdle; ++i) {
        idle.push_back(std::make_unique<RawPeer>(rig.server.port()));
        ASSERT_TRUE(idle.back()->valid());
        if (i % 50 == 49) {
            pumpFor(1ms);  // let the server accept as the listen backlog fills
        }
    }
    ASSERT_TRUE(pumpUntil([&] { return rig.logCount("received connection") >= kIdle; }, 15s));
    EXPECT_LE(rig.server.connectionCount(), rig.server.limits().maxConnections);
    EXPECT_TRUE(rig.logHas("making room for a new connection"));
    EXPECT_LT(rig.operatorRoundTrip(), 15s);
}

TEST(JsonRpcServer, AClientThatNeverReadsIsDroppedWhileOperatorsWork) {
    ServerRig rig;
    // Big answers, so the backlog builds quickly: 150 clients with long names.
    for (int i = 0; i < 150; ++i) {
        ClientInfo client = twoClients()[i % 2];
        client.id = i;
        client.name = std::string(16, 'n');
        client.city = std::string(100, 'c');
        rig.api.clientList.push_back(client);
    }
    RawPeer sluggard(rig.server.port(), 4096);
    ASSERT_TRUE(sluggard.valid());
    std::string requests = kAuth + "\n";
    for (int i = 0; i < 2000; ++i) {
        requests += R"({"id":1,"jsonrpc":"2.0","method":"jamulusserver/getClients","params":{}})"
                    "\n";
    }
    std::size_t sent = 0;
    // Feed the requests as the server takes them, until it gives up on this peer.
    ASSERT_TRUE(pumpUntil(
        [&] {
            if (sent < requests.size()) {
                sent += sluggard.sendSome(requests.substr(sent, 64 * 1024));
            }
            return rig.logHas("not reading its responses");
        },
        15s));
    EXPECT_LT(rig.operatorRoundTrip(), 15s);
    EXPECT_TRUE(pumpUntil([&] { return rig.server.connectionCount() == 0; }, 5s));
}

}  // namespace
}  // namespace tutti::rpc::testing

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
