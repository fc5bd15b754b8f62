// tutti-server as a directory and as a server registering with one, driven by scripted peers on
// 127.0.0.1 (the real-Jamulus versions of these are in tests/interop/test_directory.py).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "protocol/messages.h"
#include "server_process.h"
#include "udp_peer.h"

namespace tutti::test {
namespace {

namespace p = tutti::protocol;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::vector<uint8_t> registration(uint16_t port, const std::string& name) {
    p::ClmRegisterServerExMsg m;
    m.info = {port, 82, 10, 0, name, "", "Ulm"};
    m.os = 2;
    m.version = "3.9.1";
    return m.encode();
}

// Pings (so the directory has seen a round trip from this address), then asks for the list.
std::optional<p::ClmServerListMsg> fullList(UdpPeer& client, uint16_t directoryPort) {
    client.send(directoryPort, p::ClmPingMsMsg::kId, p::ClmPingMsMsg{1}.encode());
    if (!client.waitFor(p::ClmPingMsMsg::kId, seconds(2))) {
        return std::nullopt;
    }
    client.send(directoryPort, p::ClmReqServerListMsg::kId);
    if (auto f = client.waitFor(p::ClmServerListMsg::kId, seconds(2))) {
        return p::ClmServerListMsg::decode(f->payload);
    }
    return std::nullopt;
}

bool waitForLog(ServerProcess& s, const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (s.stderrText().find(text) != std::string::npos) {
            return true;
        }
        std::this_thread::sleep_for(milliseconds(20));
    }
    return false;
}

TEST(Directory, ListsRegisteredServersForClientsThatPinged) {
    ServerProcess dir({"-u", "12", "-e", "localhost", "-o", "Int Dir;Graz;14"});
    ASSERT_TRUE(dir.started());
    UdpPeer server;
    server.send(dir.port(), p::ClmRegisterServerExMsg::kId, registration(server.port(), "Reg"));
    const auto resp = server.waitFor(p::ClmRegisterServerRespMsg::kId, seconds(2));
    ASSERT_TRUE(resp);
    EXPECT_EQ(resp->payload, std::vector<uint8_t>{0});

    UdpPeer client;
    // Asked once before any ping, with no flood under way: the reply budget for unvalidated
    // addresses allows the full answer (issue 8: server-list explorers and monitoring scripts).
    client.send(dir.port(), p::ClmReqServerListMsg::kId);
    const std::vector<ReceivedFrame> oneShot = client.collect(milliseconds(500));
    ASSERT_EQ(oneShot.size(), 2u);
    EXPECT_EQ(oneShot[0].id, p::ClmRedServerListMsg::kId);
    EXPECT_EQ(oneShot[1].id, p::ClmServerListMsg::kId);
    EXPECT_EQ(p::ClmServerListMsg::decode(oneShot[1].payload)->entries.size(), 2u);

    // After a ping round trip: the reduced list, then the full one.
    client.send(dir.port(), p::ClmPingMsWithNumClientsMsg::kId,
                p::ClmPingMsWithNumClientsMsg{77, 0}.encode());
    const auto ping = client.waitFor(p::ClmPingMsWithNumClientsMsg::kId, seconds(2));
    ASSERT_TRUE(ping);
    EXPECT_EQ(*p::ClmPingMsWithNumClientsMsg::decode(ping->payload),
              (p::ClmPingMsWithNumClientsMsg{77, 0}));
    client.send(dir.port(), p::ClmReqServerListMsg::kId);
    const auto red = client.receive(seconds(2));
    const auto full = client.receive(seconds(2));
    ASSERT_TRUE(red && full);
    EXPECT_EQ(red->id, p::ClmRedServerListMsg::kId);
    ASSERT_EQ(full->id, p::ClmServerListMsg::kId);
    const auto list = p::ClmServerListMsg::decode(full->payload);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->entries.size(), 2u);
    EXPECT_EQ(list->entries[0], (p::ServerListEntry{0, 0, 14, 12, 1, "Int Dir", "", "Graz"}));
    EXPECT_EQ(list->entries[1],
              (p::ServerListEntry{0x7F000001, server.port(), 82, 10, 0, "Reg", "", "Ulm"}));

    // Monitoring probes still work on a directory.
    client.send(dir.port(), p::ClmReqVersionAndOsMsg::kId);
    const auto version = client.waitFor(p::ClmVersionAndOsMsg::kId, seconds(2));
    ASSERT_TRUE(version);
    EXPECT_EQ(p::ClmVersionAndOsMsg::decode(version->payload)->os, 2);
    client.send(dir.port(), p::ClmReqConnClientsListMsg::kId);
    EXPECT_TRUE(client.waitFor(p::ClmConnClientsListMsg::kId, seconds(2)));

    server.send(dir.port(), p::ClmUnregisterServerMsg::kId);
    ASSERT_TRUE(waitForLog(
        dir, "Requested to unregister entry for 127.0.0.1:" + std::to_string(server.port()),
        seconds(2)));
    const auto after = fullList(client, dir.port());
    ASSERT_TRUE(after);
    EXPECT_EQ(after->entries.size(), 1u);
    EXPECT_EQ(dir.stop(), 0);
    EXPECT_NE(dir.stderrText().find("Now a directory"), std::string::npos);
}

TEST(Directory, ListFileSurvivesAKill) {
    char pattern[] = "/tmp/tutti-dirint-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    const std::string file = std::string(pattern) + "/servers.txt";
    UdpPeer server;
    {
        ServerProcess dir({"-e", "localhost", "--directoryfile", file});
        ASSERT_TRUE(dir.started());
        server.send(dir.port(), p::ClmRegisterServerExMsg::kId,
                    registration(server.port(), "Kept"));
        ASSERT_TRUE(server.waitFor(p::ClmRegisterServerRespMsg::kId, seconds(2)));
        ::kill(dir.pid(), SIGKILL);
        dir.stop();
    }
    ServerProcess again({"-e", "localhost", "--directoryfile", file});
    ASSERT_TRUE(again.started());
    UdpPeer client;
    const auto list = fullList(client, again.port());
    ASSERT_TRUE(list);
    ASSERT_EQ(list->entries.size(), 2u);
    EXPECT_EQ(list->entries[1].name, "Kept");
    EXPECT_EQ(list->entries[1].port, server.port());
    std::filesystem::remove_all(pattern);
}

TEST(Directory, RegistrationIsRetriedFiveTimesThenReportedAsFailed) {
    UdpPeer silentDirectory;
    ServerProcess srv({"-e", "127.0.0.1:" + std::to_string(silentDirectory.port()), "-o",
                       "Int Srv;Linz;AT", "-u", "5"});
    ASSERT_TRUE(srv.started());
    std::vector<ReceivedFrame> frames = silentDirectory.collect(milliseconds(3500));
    std::erase_if(frames,
                  [](const ReceivedFrame& f) { return f.id != p::ClmRegisterServerExMsg::kId; });
    ASSERT_EQ(frames.size(), 5u);
    const auto m = p::ClmRegisterServerExMsg::decode(frames[0].payload);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->info.port, srv.port());
    EXPECT_EQ(m->info.country, 14);
    EXPECT_EQ(m->info.maxClients, 5);
    EXPECT_EQ(m->info.name, "Int Srv");
    EXPECT_EQ(m->info.city, "Linz");
    EXPECT_TRUE(
        waitForLog(srv, "Server Registration Status update: Registration failed", seconds(2)));
    // The server kept serving throughout.
    EXPECT_FALSE(requestReply(srv.port(),
                              p::encodeFrame(p::ClmPingMsMsg::kId, 0, p::ClmPingMsMsg{3}.encode()),
                              seconds(1))
                     .empty());
}

TEST(Directory, RegisteredServerPunchesHolesOnlyWhenItsDirectoryAsks) {
    UdpPeer directory;
    ServerProcess srv({"-e", "127.0.0.1:" + std::to_string(directory.port()), "-o", "S;C;82"});
    ASSERT_TRUE(srv.started());
    ASSERT_TRUE(directory.waitFor(p::ClmRegisterServerExMsg::kId, seconds(2)));
    directory.send(srv.port(), p::ClmRegisterServerRespMsg::kId,
                   p::ClmRegisterServerRespMsg{0}.encode());
    ASSERT_TRUE(waitForLog(srv, "Server Registration Status update: Registered", seconds(2)));

    UdpPeer target;
    UdpPeer stranger;
    const std::vector<uint8_t> punch =
        p::ClmSendEmptyMessageMsg{0x7F000001, target.port()}.encode();
    stranger.send(srv.port(), p::ClmSendEmptyMessageMsg::kId, punch);
    EXPECT_FALSE(target.receive(milliseconds(500)));
    directory.send(srv.port(), p::ClmSendEmptyMessageMsg::kId, punch);
    const auto empty = target.receive(seconds(2));
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->id, p::ClmEmptyMessageMsg::kId);
    EXPECT_EQ(empty->fromPort, srv.port());

    EXPECT_EQ(srv.stop(), 0);
    EXPECT_TRUE(directory.waitFor(p::ClmUnregisterServerMsg::kId, seconds(2)));
    EXPECT_NE(srv.stderrText().find("Server Registration Status update: Not registered"),
              std::string::npos);
}

}  // namespace
}  // namespace tutti::test
