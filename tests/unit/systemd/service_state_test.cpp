#include <gtest/gtest.h>

#include "src/app/systemd_service_state.h"

namespace tutti::app {
namespace {

constexpr int64_t kTick = 128LL * 1000000000 / 48000;  // 2.67 ms
constexpr int64_t kSecond = 1000000000;

TEST(StatusText, PlainServer) {
    ServiceState s;
    s.clients = 0;
    s.maxClients = 10;
    EXPECT_EQ(statusText(s), "0/10 clients");
}

TEST(StatusText, RegistrationAndRecording) {
    ServiceState s;
    s.clients = 3;
    s.maxClients = 10;
    s.registration = "Registered";
    s.recorderState = 3;
    EXPECT_EQ(statusText(s), "3/10 clients; directory: Registered; recording: on");
    s.recorderState = 2;
    s.registration = "Registration failed";
    EXPECT_EQ(statusText(s), "3/10 clients; directory: Registration failed; recording: off");
}

TEST(StatusText, DirectoryServer) {
    ServiceState s;
    s.maxClients = 5;
    s.directoryServer = true;
    s.registration = "Not registered";
    EXPECT_EQ(statusText(s), "0/5 clients; acting as a directory");
}

TEST(StatusText, ChangesAreDetectedByComparison) {
    ServiceState a;
    ServiceState b = a;
    EXPECT_EQ(a, b);
    b.clients = 1;
    EXPECT_NE(a, b);
}

TEST(MixWatchdog, FirstSampleNeverPings) {
    MixWatchdog w(kTick);
    EXPECT_FALSE(w.healthy({100, 0}, kSecond));
}

TEST(MixWatchdog, IdleLoopIsHealthy) {
    MixWatchdog w(kTick);
    w.healthy({100, 0}, kSecond);
    EXPECT_TRUE(w.healthy({225, 0}, kSecond + kSecond / 4));
}

TEST(MixWatchdog, StalledLoopIsNot) {
    MixWatchdog w(kTick);
    w.healthy({100, 0}, kSecond);
    EXPECT_TRUE(w.healthy({200, 0}, 2 * kSecond));
    EXPECT_FALSE(w.healthy({200, 0}, 3 * kSecond));
    EXPECT_FALSE(w.healthy({200, 0}, 4 * kSecond));
    EXPECT_TRUE(w.healthy({201, 0}, 5 * kSecond));  // recovers as soon as it moves
}

TEST(MixWatchdog, TickingOnTimeIsHealthy) {
    MixWatchdog w(kTick);
    w.healthy({1000, 1000}, kSecond);
    EXPECT_TRUE(w.healthy({1375, 1375}, 2 * kSecond));  // 375 ticks per second
}

TEST(MixWatchdog, ALoadedMachineWithLateTicksStillPings) {
    MixWatchdog w(kTick);
    w.healthy({0, 0}, kSecond);
    // 40 % of the ticks (the clock skips ahead when far behind): degraded, not dead.
    EXPECT_TRUE(w.healthy({150, 150}, 2 * kSecond));
}

TEST(MixWatchdog, CrawlingMixThreadIsNot) {
    MixWatchdog w(kTick);
    w.healthy({0, 0}, kSecond);
    EXPECT_FALSE(w.healthy({50, 50}, 2 * kSecond));  // 50 of 375 ticks
}

TEST(MixWatchdog, FastUpdateTicksCountedAtTheirOwnRate) {
    MixWatchdog w(kTick / 2);
    w.healthy({0, 0}, kSecond);
    EXPECT_FALSE(w.healthy({150, 150}, 2 * kSecond));  // 150 of 750
    EXPECT_TRUE(w.healthy({900, 900}, 3 * kSecond));
}

TEST(ReadinessGate, ReadyOnceTheLoopMoves) {
    ReadinessGate g;
    EXPECT_FALSE(g.becameReady({5, 0}));
    EXPECT_FALSE(g.becameReady({5, 0}));
    EXPECT_FALSE(g.ready());
    EXPECT_TRUE(g.becameReady({6, 0}));
    EXPECT_TRUE(g.ready());
    EXPECT_FALSE(g.becameReady({7, 0}));  // only once
    EXPECT_TRUE(g.ready());
}

TEST(ReadinessGate, ALoopThatNeverRunsIsNeverReady) {
    ReadinessGate g;
    for (int i = 0; i < 10; ++i) {
        EXPECT_FALSE(g.becameReady({0, 0}));
    }
    EXPECT_FALSE(g.ready());
}

}  // namespace
}  // namespace tutti::app
