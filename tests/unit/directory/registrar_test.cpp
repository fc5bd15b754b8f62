#include "src/directory/registrar.h"

#include <gtest/gtest.h>

#include "directory_test_util.h"
#include "protocol/messages.h"

namespace tutti::directory::test {
namespace {

namespace p = tutti::protocol;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr uint16_t kRegister = p::ClmRegisterServerExMsg::kId;
constexpr uint16_t kEmpty = p::ClmEmptyMessageMsg::kId;

struct Fixture {
    explicit Fixture(const std::string& address = "127.0.0.1:22620") {
        RegistrationInfo info{{"Reg", "Town", 14}, 22610, 7, "192.0.2.2", "3.11.0-tutti"};
        registrar = std::make_unique<Registrar>(parseDirectoryAddress(address), info, wire.sendFn(),
                                                wire.logFn(), wire.resolveFn());
    }
    // Runs the 20 ms control timer for `d`.
    void run(std::chrono::milliseconds d) {
        for (auto end = now + d; now < end;) {
            now += milliseconds(20);
            registrar->onTimer(now);
        }
    }
    Wire wire;
    Registrar::Clock::time_point now = Registrar::Clock::time_point{} + std::chrono::hours(1);
    std::unique_ptr<Registrar> registrar;
};

TEST(Registrar, SendsTheServerDescriptionAndReportsRequested) {
    Fixture f;
    f.registrar->start(f.now);
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].to, loopback(22620));
    const auto m = p::ClmRegisterServerExMsg::decode(sent[0].payload);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->info, (p::ServerInfo{22610, 14, 7, 0, "Reg", "192.0.2.2", "Town"}));
    EXPECT_EQ(m->os, 2);
    EXPECT_EQ(m->version, "3.11.0-tutti");
    EXPECT_EQ(f.wire.log, std::vector<std::string>{
                              "Server Registration Status update: Registration requested"});
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::Requested);
}

TEST(Registrar, FiveSendsHalfASecondApartThenTimeOut) {
    Fixture f;
    f.registrar->start(f.now);
    f.run(milliseconds(2480));
    EXPECT_EQ(f.wire.takeIds(),
              (std::vector<uint16_t>{kRegister, kRegister, kRegister, kRegister, kRegister}));
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::Requested);
    f.run(milliseconds(40));
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::TimeOut);
    EXPECT_EQ(f.wire.log.back(), "Server Registration Status update: Registration failed");
    // Nothing more until the retry; the keep-alive still flows.
    f.run(seconds(50));
    EXPECT_TRUE(f.wire.takeIds().empty());
    f.run(seconds(10));
    EXPECT_EQ(f.wire.takeIds(), (std::vector<uint16_t>{kEmpty, kRegister}));
}

TEST(Registrar, AnswerStopsRetriesAndEveryStatusIsReported) {
    const std::vector<std::pair<uint8_t, std::string>> cases = {
        {0, "Registered"},
        {1, "Server list full at directory"},
        {2, "Your server version is too old"},
        {3, "Requirements not fulfilled"}};
    for (const auto& [value, text] : cases) {
        Fixture f;
        f.registrar->start(f.now);
        f.run(milliseconds(100));
        f.registrar->onResponse(loopback(22620), value, f.now);
        EXPECT_EQ(f.wire.log.back(), "Server Registration Status update: " + text);
        f.wire.take();
        f.run(seconds(5));
        EXPECT_TRUE(f.wire.takeIds().empty()) << text;
    }
    EXPECT_EQ(statusFromResponse(7), RegistrationStatus::UnknownResponse);
    EXPECT_EQ(statusText(RegistrationStatus::UnknownResponse), "Check server version");
    EXPECT_EQ(statusKey(RegistrationStatus::ListFull), "directory_server_full");
}

TEST(Registrar, AnswersFromAnyoneButTheDirectoryAreIgnored) {
    Fixture f;
    f.registrar->start(f.now);
    f.registrar->onResponse(loopback(22621), 0, f.now);
    f.registrar->onResponse(net::PeerAddress::fromIpv4(0x7F000002, 22620), 0, f.now);
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::Requested);
    f.registrar->onResponse(loopback(22620), 0, f.now);
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::Registered);
}

TEST(Registrar, RefreshEvery15MinutesAndKeepAliveEvery59Seconds) {
    Fixture f;
    f.registrar->start(f.now);
    f.registrar->onResponse(loopback(22620), 0, f.now);
    f.wire.take();
    f.run(seconds(58));
    EXPECT_TRUE(f.wire.takeIds().empty());
    f.run(seconds(2));
    EXPECT_EQ(f.wire.takeIds(), std::vector<uint16_t>{kEmpty});
    f.run(minutes(15) - seconds(61));
    std::vector<uint16_t> ids = f.wire.takeIds();
    EXPECT_EQ(std::count(ids.begin(), ids.end(), kRegister), 0);
    f.run(milliseconds(1020));
    ids = f.wire.takeIds();
    EXPECT_EQ(std::count(ids.begin(), ids.end(), kRegister), 1);
    EXPECT_EQ(f.wire.log.back(), "Server Registration Status update: Registration requested");
}

TEST(Registrar, PermanentAfter48HoursOfRegistration) {
    Fixture f;
    f.registrar->start(f.now);
    for (int i = 0; i < 4 * 48 + 1; ++i) {
        f.registrar->onResponse(loopback(22620), 0, f.now);
        f.wire.take();
        f.run(minutes(15));
    }
    const std::vector<Sent> sent = f.wire.take();
    bool sawPermanent = false;
    for (const Sent& s : sent) {
        if (s.id == kRegister) {
            sawPermanent = p::ClmRegisterServerExMsg::decode(s.payload)->info.permanent == 1;
        }
    }
    EXPECT_TRUE(sawPermanent);
}

TEST(Registrar, NamesAreResolvedOffThePathAndFailuresAreRetried) {
    Fixture f("dir.example.org");
    f.registrar->start(f.now);
    ASSERT_EQ(f.wire.lookups.size(), 1u);
    EXPECT_EQ(f.wire.lookups[0].host, "dir.example.org");
    EXPECT_EQ(f.wire.lookups[0].port, 22124);
    EXPECT_TRUE(f.wire.take().empty());
    f.wire.lookups[0].done(std::nullopt);
    f.run(milliseconds(20));
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::BadAddress);
    EXPECT_EQ(f.wire.log.back(), "Server Registration Status update: Bad address");
    f.run(seconds(61));
    ASSERT_EQ(f.wire.lookups.size(), 2u);
    f.wire.lookups[1].done(net::PeerAddress::fromIpv4(0xC0000201, 22124));
    f.run(milliseconds(20));
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].to, net::PeerAddress::fromIpv4(0xC0000201, 22124));
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::Requested);
}

TEST(Registrar, UnparsableAddressIsABadAddress) {
    Fixture f("localhost:99999");
    f.registrar->start(f.now);
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::BadAddress);
    EXPECT_TRUE(f.wire.take().empty());
}

TEST(Registrar, CleanStopUnregisters) {
    Fixture f;
    f.registrar->start(f.now);
    f.registrar->onResponse(loopback(22620), 0, f.now);
    f.wire.take();
    f.registrar->shutdown();
    EXPECT_EQ(f.wire.takeIds(), std::vector<uint16_t>{p::ClmUnregisterServerMsg::kId});
    EXPECT_EQ(f.wire.log.back(), "Server Registration Status update: Not registered");
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::NotRegistered);
}

TEST(Registrar, ANewNameIsSentAtOnceWhenRegistered) {
    Fixture f;
    f.registrar->start(f.now);
    f.run(milliseconds(100));
    f.registrar->onResponse(loopback(22620), 0, f.now);
    ASSERT_EQ(f.registrar->status(), RegistrationStatus::Registered);
    f.wire.take();
    f.registrar->setServerName("Renamed", f.now);
    f.run(milliseconds(20));
    const std::vector<Sent> sent = f.wire.take();
    ASSERT_FALSE(sent.empty());
    const auto m = p::ClmRegisterServerExMsg::decode(sent[0].payload);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->info.name, "Renamed");
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::Requested);
    f.registrar->onResponse(loopback(22620), 0, f.now);
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::Registered);
}

TEST(Registrar, ANewNameWaitsForTheNextAttemptAfterAFailure) {
    Fixture f;
    f.registrar->start(f.now);
    f.run(milliseconds(2600));
    ASSERT_EQ(f.registrar->status(), RegistrationStatus::TimeOut);
    f.wire.take();
    f.registrar->setServerName("Later", f.now);
    f.run(milliseconds(100));
    EXPECT_TRUE(f.wire.takeIds().empty());
    EXPECT_EQ(f.registrar->status(), RegistrationStatus::TimeOut);
    f.run(minutes(1));
    bool sawLater = false;
    for (const Sent& s : f.wire.take()) {
        if (auto m = p::ClmRegisterServerExMsg::decode(s.payload)) {
            sawLater |= m->info.name == "Later";
        }
    }
    EXPECT_TRUE(sawLater);
}

}  // namespace
}  // namespace tutti::directory::test
