#include "src/directory/directory_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "directory_test_util.h"
#include "protocol/messages.h"
#include "src/directory/server_list_file.h"

namespace tutti::directory::test {
namespace {

namespace p = tutti::protocol;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

struct Fixture {
    explicit Fixture(DirectoryConfig c) {
        service = std::make_unique<DirectoryService>(std::move(c), wire.sendFn(), wire.logFn(),
                                                     wire.resolveFn());
    }
    static DirectoryConfig directoryConfig() {
        DirectoryConfig c;
        c.address = parseDirectoryAddress("localhost");
        c.identity = {"Spec Directory", "Dirtown", 82};
        c.maxClients = 10;
        c.ownIp = "192.0.2.2";
        return c;
    }
    template <typename Msg>
    void from(const net::PeerAddress& a, const Msg& m) {
        const std::vector<uint8_t> payload = m.encode();
        service->onConnectionless(Msg::kId, payload, a, now);
    }
    void request(const net::PeerAddress& a) {
        service->onConnectionless(p::ClmReqServerListMsg::kId, {}, a, now);
    }
    void registerServer(const net::PeerAddress& a, const std::string& name,
                        const std::string& internal = "") {
        p::ClmRegisterServerExMsg m;
        m.info = {a.port(), 14, 10, 0, name, internal, "Testcity"};
        m.os = 2;
        m.version = "3.9.1";
        from(a, m);
    }
    Wire wire;
    DirectoryService::Clock::time_point now =
        DirectoryService::Clock::time_point{} + std::chrono::hours(1);
    std::unique_ptr<DirectoryService> service;
};

TEST(DirectoryService, BecomesADirectoryWithJamulusLines) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    EXPECT_EQ(f.wire.log, (std::vector<std::string>{
                              "Now a directory", "Server Registration Status update: Registered"}));
    EXPECT_EQ(f.service->registrationStatus(), RegistrationStatus::Registered);
}

TEST(DirectoryService, ARenamedDirectoryListsItselfUnderTheNewName) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    f.service->setServerName("Renamed Directory", f.now);
    ASSERT_NE(f.service->serverList(), nullptr);
    EXPECT_EQ(f.service->serverList()->self().name, "Renamed Directory");
    EXPECT_EQ(f.service->serverList()->self().city, "Dirtown");
}

TEST(DirectoryService, RegistrationIsAnsweredAndLogged) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    f.registerServer(loopback(22640), "Spec Server", "192.0.2.2");
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].to, loopback(22640));
    EXPECT_EQ(sent[0].id, p::ClmRegisterServerRespMsg::kId);
    EXPECT_EQ(sent[0].payload, std::vector<uint8_t>{0});
    EXPECT_EQ(f.wire.log.back(),
              "Requested to register entry for 127.0.0.1:22640 (192.0.2.2:22640): Spec Server "
              "(local)");
}

TEST(DirectoryService, FilterAnswersTooOldAndNotAllowed) {
    DirectoryConfig c = Fixture::directoryConfig();
    c.filter = parseListFilter("[9.0.0]").filter;
    Fixture old(c);
    old.service->start(old.now);
    old.registerServer(loopback(22640), "Old Server");
    EXPECT_EQ(old.wire.take().at(0).payload, std::vector<uint8_t>{2});
    c.filter = parseListFilter("10.1.2.3").filter;
    Fixture stranger(c);
    stranger.service->start(stranger.now);
    stranger.registerServer(loopback(22641), "Stranger");
    EXPECT_EQ(stranger.wire.take().at(0).payload, std::vector<uint8_t>{3});
}

TEST(DirectoryService, ListFullAnswerAt150Entries) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    for (uint16_t i = 0; i < 149; ++i) {
        f.registerServer(loopback(static_cast<uint16_t>(30000 + i)), "S");
    }
    f.wire.take();
    f.registerServer(loopback(40000), "One too many");
    EXPECT_EQ(f.wire.take().at(0).payload, std::vector<uint8_t>{1});
}

TEST(DirectoryService, ListRequestFromAClientThatPingedGetsBothListsAsCapture05) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    f.registerServer(loopback(22640), "Spec Server", "192.0.2.2");
    f.wire.take();
    const auto frank = loopback(22641);
    f.service->onPingAnswered(frank, f.now);
    f.request(frank);
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_EQ(sent.size(), 2u);  // loopback servers are private: no hole punching
    EXPECT_EQ(sent[0].id, p::ClmRedServerListMsg::kId);
    EXPECT_EQ(sent[1].id, p::ClmServerListMsg::kId);
    // Byte for byte what the 3.9.1 directory sent in capture 05.
    EXPECT_EQ(p::encodeFrame(sent[0].id, 0, sent[0].payload),
              (std::vector<uint8_t>{0x00, 0x00, 0xfa, 0x03, 0x00, 0x27, 0x00, 0x00, 0x00, 0x00,
                                    0x00, 0x00, 0x00, 0x0e, 0x53, 0x70, 0x65, 0x63, 0x20, 0x44,
                                    0x69, 0x72, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x79, 0x01, 0x00,
                                    0x00, 0x7f, 0x70, 0x58, 0x0b, 0x53, 0x70, 0x65, 0x63, 0x20,
                                    0x53, 0x65, 0x72, 0x76, 0x65, 0x72, 0xd4, 0x11}));
    const auto full = p::ClmServerListMsg::decode(sent[1].payload);
    ASSERT_TRUE(full);
    ASSERT_EQ(full->entries.size(), 2u);
    EXPECT_EQ(full->entries[0],
              (p::ServerListEntry{0, 0, 82, 10, 1, "Spec Directory", "", "Dirtown"}));
    EXPECT_EQ(full->entries[1],
              (p::ServerListEntry{0x7F000001, 22640, 14, 10, 0, "Spec Server", "", "Testcity"}));
}

// A server-list explorer or monitoring script asks once, without pinging first (issue 8).
TEST(DirectoryService, OneShotRequestGetsTheFullListsWithinTheReplyBudget) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    for (uint16_t i = 0; i < 20; ++i) {
        f.registerServer(loopback(static_cast<uint16_t>(30000 + i)), "Server");
    }
    f.wire.take();
    f.request(loopback(5000));
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].id, p::ClmRedServerListMsg::kId);
    EXPECT_EQ(sent[1].id, p::ClmServerListMsg::kId);
    EXPECT_EQ(p::ClmServerListMsg::decode(sent[1].payload)->entries.size(), 21u);
}

// Spoofed list requests at 20000 per second from 4096 addresses, with the longest directory name
// -o allows (20 three-byte characters) and 149 servers listed: the full lists go out only while
// the reply budget lasts, then the one-entry probes (76 bytes, README) take over, and in total we
// send far fewer bytes than we receive.
TEST(DirectoryService, SpoofedListRequestFloodGetsFewerBytesThanItSends) {
    DirectoryConfig c = Fixture::directoryConfig();
    c.identity.name.clear();
    for (int i = 0; i < 20; ++i) {
        c.identity.name += "\xe2\x82\xac";  // the euro sign: 3 bytes, 1 UTF-16 unit
    }
    Fixture f(c);
    f.service->start(f.now);
    for (uint16_t i = 0; i < 149; ++i) {
        f.registerServer(loopback(static_cast<uint16_t>(30000 + i)), "Twenty chars of name");
    }
    f.wire.take();
    const std::size_t request = p::encodeFrame(p::ClmReqServerListMsg::kId, 0, {}).size();
    std::size_t received = 0;
    std::size_t sentBytes = 0;
    std::size_t worstAfterFirstSecond = 0;
    for (uint32_t i = 0; i < 40000; ++i) {  // 2 s
        f.request(net::PeerAddress::fromIpv4(0x0A000000u + i % 4096, 6000));
        received += request;
        std::size_t bytes = 0;
        for (const Sent& s : f.wire.take()) {
            bytes += s.bytes;
        }
        sentBytes += bytes;
        if (i >= 20000) {
            worstAfterFirstSecond = std::max(worstAfterFirstSecond, bytes);
        }
        f.now += std::chrono::microseconds(50);
    }
    EXPECT_EQ(request, 9u);
    EXPECT_LT(sentBytes, received / 2);
    // Once the budget is spent, only the probe remains: 9 + 4 + 2 + 1 + 60 bytes, or a full
    // answer as the budget refills (16 kB/s in total).
    EXPECT_GE(worstAfterFirstSecond, 76u);
}

TEST(DirectoryService, PublicServersGetHolePunchRequestsForValidatedClients) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    const auto publicServer = net::PeerAddress::fromIpv4(0xCB007105, 22124);  // 203.0.113.5
    f.registerServer(publicServer, "Public");
    f.registerServer(loopback(22640), "Private");
    f.wire.take();
    const auto client = net::PeerAddress::fromIpv4(0xC6336407, 22134);  // 198.51.100.7
    f.service->onPingAnswered(client, f.now);
    f.request(client);
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[0].to, publicServer);
    EXPECT_EQ(sent[0].id, p::ClmSendEmptyMessageMsg::kId);
    EXPECT_EQ(*p::ClmSendEmptyMessageMsg::decode(sent[0].payload),
              (p::ClmSendEmptyMessageMsg{0xC6336407, 22134}));
    EXPECT_EQ(sent[1].id, p::ClmRedServerListMsg::kId);
    EXPECT_EQ(sent[2].id, p::ClmServerListMsg::kId);
}

TEST(DirectoryService, ExpiryKeepAliveAndUnregister) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    f.registerServer(loopback(22640), "A");
    f.registerServer(loopback(22641), "B");
    f.wire.take();
    f.now += seconds(59);
    f.service->onTimer(f.now);
    EXPECT_EQ(f.wire.takeIds(),
              (std::vector<uint16_t>{p::ClmEmptyMessageMsg::kId, p::ClmEmptyMessageMsg::kId}));
    f.service->onConnectionless(p::ClmUnregisterServerMsg::kId, {}, loopback(22641), f.now);
    EXPECT_EQ(f.wire.log.back(), "Requested to unregister entry for 127.0.0.1:22641");
    ASSERT_EQ(f.service->serverList()->servers().size(), 1u);
    for (int i = 0; i < 34; ++i) {
        f.now += minutes(1);
        f.service->onTimer(f.now);
    }
    EXPECT_TRUE(f.service->serverList()->servers().empty());
    EXPECT_NE(std::find(f.wire.log.begin(), f.wire.log.end(), "Expired entry for 127.0.0.1:22640"),
              f.wire.log.end());
}

TEST(DirectoryService, DirectoryIgnoresHolePunchAndRegistrationAnswers) {
    Fixture f(Fixture::directoryConfig());
    f.service->start(f.now);
    f.from(loopback(22620), p::ClmSendEmptyMessageMsg{0x7F000001, 22664});
    f.from(loopback(22620), p::ClmRegisterServerRespMsg{0});
    EXPECT_TRUE(f.wire.take().empty());
}

TEST(DirectoryService, RegisteredServerPunchesHolesOnlyForItsDirectory) {
    DirectoryConfig c;
    c.address = parseDirectoryAddress("127.0.0.1:22620");
    c.identity = {"Srv", "Town", 14};
    c.ownIp = "192.0.2.2";
    Fixture f(c);
    f.service->start(f.now);
    f.wire.take();
    f.from(loopback(22621), p::ClmSendEmptyMessageMsg{0x7F000001, 22664});
    EXPECT_TRUE(f.wire.take().empty());
    f.from(loopback(22620), p::ClmSendEmptyMessageMsg{0x7F000001, 22664});
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].to, loopback(22664));
    EXPECT_EQ(sent[0].id, p::ClmEmptyMessageMsg::kId);
    // A plain server never answers list requests.
    f.request(loopback(5000));
    EXPECT_TRUE(f.wire.take().empty());
}

TEST(DirectoryService, PersistenceFileIsWrittenOnEveryChangeAndLoadedAtStart) {
    char pattern[] = "/tmp/tutti-dirsvc-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    const std::string path = std::string(pattern) + "/list.txt";
    DirectoryConfig c = Fixture::directoryConfig();
    c.persistenceFile = path;
    {
        Fixture f(c);
        f.service->start(f.now);
        f.registerServer(loopback(22640), "First", "198.51.100.7");
        f.registerServer(loopback(22641), "Second");
        std::string content;
        ASSERT_TRUE(readWholeFile(path, content));
        EXPECT_EQ(content,
                  "127.0.0.1:22641;127.0.0.1:22641;U2Vjb25k;VGVzdGNpdHk=;14;10;0\n"
                  "127.0.0.1:22640;198.51.100.7:22640;Rmlyc3Q=;VGVzdGNpdHk=;14;10;0\n");
        // No clean stop: the object just goes away, as in a crash.
    }
    Fixture again(c);
    again.service->start(again.now);
    ASSERT_EQ(again.service->serverList()->servers().size(), 2u);
    EXPECT_EQ(again.service->serverList()->servers()[0].name, "First");
    EXPECT_EQ(again.wire.log[1], "Loading persistent server list file: \"" + path + "\"");
    again.service->onShutdown();
    EXPECT_EQ(again.wire.log.back(),
              "Saving registration for 127.0.0.1:22641 (127.0.0.1:22641): Second");
    std::filesystem::remove_all(pattern);
}

}  // namespace
}  // namespace tutti::directory::test
