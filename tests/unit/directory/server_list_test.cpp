#include "src/directory/server_list.h"

#include <gtest/gtest.h>

namespace tutti::directory {
namespace {

using std::chrono::minutes;
using Outcome = ServerList::Outcome;
const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);

RegistrationRequest request(uint16_t port, std::string name = "S",
                            std::optional<std::string> version = "3.9.1") {
    RegistrationRequest r;
    r.source = {0x7F000001, port};
    r.internal = {0xC0000202, port};
    r.name = std::move(name);
    r.city = "City";
    r.country = 82;
    r.maxClients = 10;
    r.version = std::move(version);
    return r;
}

TEST(ServerList, NewServersAreAppendedInRegistrationOrder) {
    ServerList list({"Dir", "Town", 14}, 10, {});
    EXPECT_EQ(list.registerServer(request(3000, "A"), t0), Outcome::Added);
    EXPECT_EQ(list.registerServer(request(2000, "B"), t0), Outcome::Added);
    ASSERT_EQ(list.servers().size(), 2u);
    EXPECT_EQ(list.servers()[0].name, "A");
    EXPECT_EQ(list.servers()[1].name, "B");
    EXPECT_EQ(list.size(), 3u);  // including the directory itself
}

TEST(ServerList, KnownSourceIsUpdatedInPlace) {
    ServerList list({"Dir", "Town", 14}, 10, {});
    list.registerServer(request(3000, "A"), t0);
    list.registerServer(request(3001, "B"), t0);
    EXPECT_EQ(list.registerServer(request(3000, "A"), t0 + minutes(1)), Outcome::Refreshed);
    EXPECT_EQ(list.registerServer(request(3000, "A2"), t0 + minutes(2)), Outcome::Changed);
    ASSERT_EQ(list.servers().size(), 2u);
    EXPECT_EQ(list.servers()[0].name, "A2");
    EXPECT_EQ(list.servers()[0].refreshedAt, t0 + minutes(2));
}

TEST(ServerList, SameIpOtherPortIsAnotherServer) {
    ServerList list({}, 10, {});
    list.registerServer(request(3000), t0);
    EXPECT_EQ(list.registerServer(request(3002), t0), Outcome::Added);
    EXPECT_EQ(list.servers().size(), 2u);
}

TEST(ServerList, At150EntriesIncludingItselfNewcomersAreRefusedButKnownOnesRefresh) {
    ServerList list({}, 10, {});
    for (uint16_t i = 0; i < 149; ++i) {
        ASSERT_EQ(list.registerServer(request(static_cast<uint16_t>(1000 + i)), t0),
                  Outcome::Added);
    }
    EXPECT_EQ(list.size(), 150u);
    EXPECT_EQ(list.registerServer(request(5000), t0), Outcome::ListFull);
    EXPECT_EQ(list.registerServer(request(1000), t0), Outcome::Refreshed);
    EXPECT_EQ(list.size(), 150u);
}

TEST(ServerList, EntriesExpireAfter33MinutesWithoutRefresh) {
    ServerList list({}, 10, {});
    list.registerServer(request(3000, "old"), t0);
    list.registerServer(request(3001, "fresh"), t0);
    list.registerServer(request(3001, "fresh"), t0 + minutes(20));
    EXPECT_TRUE(list.expire(t0 + minutes(32)).empty());
    const std::vector<Ipv4Endpoint> gone = list.expire(t0 + minutes(33));
    ASSERT_EQ(gone.size(), 1u);
    EXPECT_EQ(gone[0].port, 3000);
    ASSERT_EQ(list.servers().size(), 1u);
    EXPECT_EQ(list.servers()[0].name, "fresh");
    EXPECT_EQ(list.expire(t0 + minutes(53)).size(), 1u);
    EXPECT_TRUE(list.servers().empty());
}

TEST(ServerList, UnregisterRemovesOnlyTheSender) {
    ServerList list({}, 10, {});
    list.registerServer(request(3000), t0);
    list.registerServer(request(3001), t0);
    EXPECT_TRUE(list.unregisterServer({0x7F000001, 3000}));
    EXPECT_FALSE(list.unregisterServer({0x7F000001, 3000}));
    ASSERT_EQ(list.servers().size(), 1u);
    EXPECT_EQ(list.servers()[0].source.port, 3001);
}

TEST(ServerList, FilterChecksVersionThenAllowListThenCapacity) {
    ListFilter f;
    f.minimumVersion = {3, 10, 0};
    f.allowedIps = {0x7F000002};
    ServerList list({}, 10, f);
    // 3.9.1 from a listed address: too old.
    RegistrationRequest r = request(3000, "S", "3.9.1");
    r.source.ip = 0x7F000002;
    EXPECT_EQ(list.registerServer(r, t0), Outcome::VersionTooOld);
    // The old 1004 message carries no version: too old as well.
    r.version.reset();
    EXPECT_EQ(list.registerServer(r, t0), Outcome::VersionTooOld);
    // New enough but from an address not on the allow-list: version passes, allow-list fails.
    EXPECT_EQ(list.registerServer(request(3000, "S", "3.11.0"), t0), Outcome::NotAllowed);
    r.version = "3.11.0-tutti-0.1.0";
    EXPECT_EQ(list.registerServer(r, t0), Outcome::Added);
    EXPECT_TRUE(list.servers().size() == 1u);
}

TEST(ServerList, PermanentFlagIsKeptAsSent) {
    ServerList list({}, 10, {});
    RegistrationRequest r = request(3000);
    r.permanent = 1;
    list.registerServer(r, t0);
    EXPECT_EQ(list.servers()[0].permanent, 1);
}

}  // namespace
}  // namespace tutti::directory
