// Administration (issue 12) against the real tutti-server: bans by address and CIDR (IPv4, and
// IPv6 on ::1) with expiry, the allowlist, a ban's reason reaching the kicked client as chat,
// sqlite3 edits and a -w file applied on SIGHUP without dropping anyone, the idle time-out, and
// the command-line backup of a running server's database. 127.0.0.1 and ::1 only; every wait is
// bounded.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <memory>
#include <thread>

#include "playing_wait_loop.h"
#include "protocol/messages.h"
#include "rpc_line_client.h"
#include "server_process.h"
#include "tcp_line_peer.h"
#include "temp_dir.h"
#include "tools/simclient/sim_client.h"

namespace tutti::test {
namespace {

namespace sc = tutti::simclient;
namespace p = tutti::protocol;
using namespace std::chrono_literals;
using recorder::test::TempDir;

constexpr const char* kSecret = "admin-integration-secret-0123";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A ping from a fresh socket of the given family to the server; true if it was answered.
bool pingAnswered(int family, uint16_t port, std::chrono::milliseconds timeout) {
    const int fd = socket(family, SOCK_DGRAM, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_storage to{};
    socklen_t len = 0;
    if (family == AF_INET6) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&to);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        a->sin6_addr = in6addr_loopback;
        len = sizeof(sockaddr_in6);
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&to);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof(sockaddr_in);
    }
    const auto datagram = p::encodeFrame(p::ClmPingMsMsg::kId, 0, p::ClmPingMsMsg{42}.encode());
    bool answered = false;
    if (sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&to), len) ==
        static_cast<ssize_t>(datagram.size())) {
        pollfd pfd{fd, POLLIN, 0};
        answered = poll(&pfd, 1, static_cast<int>(timeout.count())) == 1;
    }
    close(fd);
    return answered;
}

// Polls `condition` every 20 ms until it holds or `timeout` passes.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

// The server with a database, JSON-RPC and whatever else a test adds.
struct AdminServer {
    explicit AdminServer(std::vector<std::string> extra = {}) {
        database = dir.path() + "/tutti.sqlite";
        const std::string secretFile = dir.path() + "/secret";
        std::ofstream(secretFile) << kSecret << "\n";
        rpcPort = TcpLinePeer::freeTcpPort();
        std::vector<std::string> args{"--database",          database,
                                      "--jsonrpcport",       std::to_string(rpcPort),
                                      "--jsonrpcsecretfile", secretFile};
        args.insert(args.end(), extra.begin(), extra.end());
        process = std::make_unique<ServerProcess>(args);
    }
    TempDir dir;
    std::string database;
    uint16_t rpcPort = 0;
    std::unique_ptr<ServerProcess> process;
};

sc::SimClientConfig clientOf(uint16_t port, const std::string& name) {
    sc::SimClientConfig c;
    c.serverPort = port;
    c.profile.name = name;
    return c;
}

bool heard(const sc::SimClient& c, const std::string& text) {
    const auto& chats = c.record().chatTexts;
    return std::any_of(chats.begin(), chats.end(),
                       [&](const std::string& t) { return contains(t, text); });
}

bool listedCount(const sc::SimClient& c, std::size_t n) {
    const auto& list = c.record().clientList;
    return list && list->size() == n;
}

void sql(const std::string& database, const std::string& statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

TEST(Admin, CidrBanKicksWithTheReasonRefusesSilentlyAndExpires) {
    AdminServer srv;
    ASSERT_TRUE(srv.process->started()) << srv.process->stderrText();
    std::vector<sc::SimClient*> clients;
    RpcLineClient op(srv.rpcPort, playing(clients));
    ASSERT_TRUE(op.authenticate(kSecret));
    sc::SimClient alice(clientOf(srv.process->port(), "Alice"));
    clients = {&alice};
    ASSERT_TRUE(sc::runClientsUntil(
        clients, [&] { return listedCount(alice, 1); }, 15s));

    const std::string banned =
        op.call("tutti/banAddress",
                R"({"address":"127.0.0.0/8","durationSeconds":3,"reason":"Please take a break"})");
    ASSERT_TRUE(contains(banned, R"("result":"ok")")) << banned;
    const auto banTime = std::chrono::steady_clock::now();
    EXPECT_TRUE(sc::runClientsUntil(
        clients, [&] { return heard(alice, "take a break"); }, 10s));
    alice.setSendAudio(false);
    clients.clear();
    // The disconnect follows once the reason is acknowledged (at most a second later).
    EXPECT_TRUE(eventually(
        [&] { return contains(op.call("jamulusserver/getClients"), R"("connections":0)"); }, 5s));
    // Banned: not even a ping is answered; IPv6 (::1) is not covered by an IPv4 block.
    EXPECT_FALSE(pingAnswered(AF_INET, srv.process->port(), 300ms));
    EXPECT_TRUE(pingAnswered(AF_INET6, srv.process->port(), 2000ms));
    const std::string bans = op.call("tutti/getBans");
    EXPECT_TRUE(contains(bans, R"("address":"127.0.0.0/8")")) << bans;
    EXPECT_TRUE(contains(bans, R"("createdBy":"jsonrpc")")) << bans;

    // The ban ends by itself.
    std::this_thread::sleep_until(banTime + 3100ms);
    EXPECT_TRUE(eventually([&] { return pingAnswered(AF_INET, srv.process->port(), 200ms); }, 5s));
    EXPECT_TRUE(contains(op.call("tutti/getBans"), R"("bans":[])"));
    const std::string status = op.call("tutti/getAdminStatus");
    EXPECT_TRUE(contains(status, R"("kicks":1)")) << status;
    EXPECT_FALSE(contains(status, R"("refusedDatagrams":0)")) << status;
    const std::string log = op.call("tutti/getServerLog");
    EXPECT_TRUE(contains(log, R"("event":"ban")")) << log;
    EXPECT_TRUE(contains(log, R"(Please take a break","event":"kick","name":"Alice")")) << log;
}

TEST(Admin, Ipv6BanOnLoopbackAndTheAllowlist) {
    AdminServer srv;
    ASSERT_TRUE(srv.process->started()) << srv.process->stderrText();
    if (!pingAnswered(AF_INET6, srv.process->port(), 2000ms)) {
        GTEST_SKIP() << "no IPv6 loopback on this machine";
    }
    std::vector<sc::SimClient*> none;
    RpcLineClient op(srv.rpcPort, playing(none));
    ASSERT_TRUE(op.authenticate(kSecret));
    ASSERT_TRUE(contains(op.call("tutti/banAddress", R"({"address":"::1/128"})"), "ok"));
    EXPECT_FALSE(pingAnswered(AF_INET6, srv.process->port(), 300ms));
    EXPECT_TRUE(pingAnswered(AF_INET, srv.process->port(), 2000ms));
    ASSERT_TRUE(contains(op.call("tutti/unban", R"({"address":"::1"})"), R"("result":"ok")"));
    EXPECT_TRUE(pingAnswered(AF_INET6, srv.process->port(), 2000ms));

    // Allowlist mode: ::1 listed, 127.0.0.1 not. A connected IPv4 client is removed, told why.
    std::vector<sc::SimClient*> clients;
    RpcLineClient live(srv.rpcPort, playing(clients));
    ASSERT_TRUE(live.authenticate(kSecret));
    sc::SimClient bob(clientOf(srv.process->port(), "Bob"));
    clients = {&bob};
    ASSERT_TRUE(sc::runClientsUntil(
        clients, [&] { return listedCount(bob, 1); }, 15s));
    ASSERT_TRUE(contains(live.call("tutti/allowAddress", R"({"address":"::1","note":"me"})"),
                         R"("result":"ok")"));
    ASSERT_TRUE(contains(live.call("tutti/setAllowlistEnabled", R"({"enabled":true})"),
                         R"("result":"ok")"));
    EXPECT_TRUE(sc::runClientsUntil(
        clients, [&] { return heard(bob, "listed addresses"); }, 10s));
    bob.setSendAudio(false);
    clients.clear();
    EXPECT_TRUE(eventually(
        [&] { return contains(live.call("jamulusserver/getClients"), R"("connections":0)"); }, 5s));
    EXPECT_FALSE(pingAnswered(AF_INET, srv.process->port(), 300ms));
    EXPECT_TRUE(pingAnswered(AF_INET6, srv.process->port(), 2000ms));
    const std::string allowlist = live.call("tutti/getAllowlist");
    EXPECT_TRUE(contains(allowlist, R"("enabled":true)")) << allowlist;
    ASSERT_TRUE(contains(live.call("tutti/setAllowlistEnabled", R"({"enabled":false})"), "ok"));
    EXPECT_TRUE(pingAnswered(AF_INET, srv.process->port(), 2000ms));
}

TEST(Admin, SighupAppliesSqliteEditsAndTheWelcomeFileKeepingClients) {
    TempDir files;
    const std::string welcome = files.path() + "/welcome.txt";
    std::ofstream(welcome) << "First welcome";
    AdminServer srv({"-w", welcome});
    ASSERT_TRUE(srv.process->started()) << srv.process->stderrText();
    sc::SimClient alice(clientOf(srv.process->port(), "Alice"));
    std::vector<sc::SimClient*> clients{&alice};
    ASSERT_TRUE(sc::runClientsUntil(
        clients, [&] { return listedCount(alice, 1) && heard(alice, "First welcome"); }, 15s));

    // An operator's edits while the server runs, then `systemctl reload` (SIGHUP).
    sql(srv.database,
        "INSERT INTO bans(pattern, reason) VALUES ('::1', 'edited by hand');"
        "INSERT OR REPLACE INTO settings VALUES ('server_name', 'Edited Name');");
    std::ofstream(welcome, std::ios::trunc) << "Second welcome";
    ASSERT_EQ(kill(srv.process->pid(), SIGHUP), 0);
    EXPECT_TRUE(
        eventually([&] { return !pingAnswered(AF_INET6, srv.process->port(), 150ms); }, 5s));
    EXPECT_TRUE(srv.process->running());

    RpcLineClient op(srv.rpcPort, playing(clients));
    ASSERT_TRUE(op.authenticate(kSecret));
    const std::string profile = op.call("jamulusserver/getServerProfile");
    EXPECT_TRUE(contains(profile, R"("name":"Edited Name")")) << profile;
    EXPECT_TRUE(contains(profile, R"("welcomeMessage":"Second welcome")")) << profile;
    // Alice stayed; a newcomer is greeted with the new text.
    sc::SimClient bob(clientOf(srv.process->port(), "Bob"));
    clients = {&alice, &bob};
    EXPECT_TRUE(sc::runClientsUntil(
        clients, [&] { return listedCount(alice, 2) && heard(bob, "Second welcome"); }, 15s));
    EXPECT_TRUE(contains(op.call("jamulusserver/getClients"), R"("connections":2)"));
    EXPECT_TRUE(contains(op.call("tutti/getServerLog"), R"("actor":"sighup")"));
    EXPECT_TRUE(contains(srv.process->stderrText(), "OnHandledSignal: 1"));
    EXPECT_TRUE(contains(srv.process->stderrText(), "Reloaded the configuration: 1 bans"))
        << srv.process->stderrText();

    // The command-line backup of the running server's database holds the hand-made ban.
    const std::string copy = files.path() + "/backup.sqlite";
    const std::string command = ServerProcess::binaryPath() + " --database " + srv.database +
                                " --backup-database " + copy + " 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(copy.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(db, "SELECT reason FROM bans WHERE pattern = '::1'", -1, &stmt, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "edited by hand");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST(Admin, IdleTimeoutDisconnectsTheSilentClientOnly) {
    AdminServer srv({"--idle-timeout", "2"});
    ASSERT_TRUE(srv.process->started()) << srv.process->stderrText();
    sc::SimClient silent(clientOf(srv.process->port(), "Silent"));
    sc::SimClient playing(clientOf(srv.process->port(), "Playing"),
                          std::make_unique<sc::ToneSource>(440.0, 0.5));
    std::vector<sc::SimClient*> clients{&silent, &playing};
    ASSERT_TRUE(sc::runClientsUntil(
        clients, [&] { return listedCount(silent, 2) && listedCount(playing, 2); }, 15s));
    EXPECT_TRUE(sc::runClientsUntil(
        clients, [&] { return heard(silent, "idle"); }, 8s));
    silent.setSendAudio(false);
    EXPECT_TRUE(sc::runClientsUntil(
        clients, [&] { return listedCount(playing, 1); }, 8s));
    // The player keeps playing past another time-out.
    sc::runClients(clients, sc::Clock::now() + 2500ms);
    EXPECT_TRUE(listedCount(playing, 1));
    EXPECT_FALSE(heard(playing, "idle"));
}

}  // namespace
}  // namespace tutti::test
