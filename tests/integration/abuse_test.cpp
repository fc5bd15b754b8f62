// Hostile input (issue 8): simulated clients play while tools/flood attacks the real server on
// 127.0.0.1, each flood bounded in rate and time. The figures are printed as FIGURE lines, so
// the same binary run against an older server (TUTTI_SERVER_BIN=...) gives the "before" side.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "protocol/message_ids.h"
#include "server_process.h"
#include "tools/flood/flood.h"
#include "tools/loadgen/load_generator.h"
#include "tools/simclient/sim_client.h"

namespace tutti::test {
namespace {

using namespace std::chrono_literals;
using flood::FloodOptions;
using flood::FloodResult;
using flood::Mode;

long rssKb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return -1;
}

double loadAverage() {
    std::ifstream f("/proc/loadavg");
    double l = 0;
    f >> l;
    return l;
}

void figure(const std::string& name, const std::string& text) {
    std::cout << "FIGURE " << name << ": " << text << " (load average " << loadAverage() << ")\n";
}

FloodOptions floodOf(const ServerProcess& server, Mode mode, double seconds, double rate,
                     int sources) {
    FloodOptions o;
    o.port = server.port();
    o.mode = mode;
    o.seconds = seconds;
    o.rate = rate;
    o.sources = sources;
    return o;
}

// N clients (tools/loadgen: 127.0.0.2 and up) playing for the given window; joining within 5 s is
// part of the test.
loadgen::LoadResult play(const ServerProcess& server, int clients, double windowS) {
    loadgen::LoadOptions o;
    o.serverPort = server.port();
    o.serverPid = server.pid();
    o.clients = clients;
    o.joinOverS = 0.3;
    o.settleS = 0.3;
    o.durationS = windowS;
    o.joinTimeoutS = 5.0;
    o.waitIdleS = 0;
    o.quiet = true;
    return loadgen::runLoad(o, nullptr);
}

void expectEveryClientServed(const loadgen::LoadResult& r, const std::string& attack) {
    EXPECT_EQ(r.joined, r.options.clients) << attack;
    EXPECT_LE(r.joinMaxMs, 5000.0) << attack;
    for (const auto& c : r.clients) {
        EXPECT_GE(c.delivered, 0.995) << attack << ": client " << c.index;
    }
    std::ostringstream s;
    s << r.joined << "/" << r.options.clients << " joined, slowest join " << r.joinMaxMs
      << " ms, mixes delivered min " << r.deliveredMin * 100 << " %";
    figure(attack + " clients", s.str());
}

// Runs the flood in the background while `work` runs; returns the flood's figures.
template <typename Work>
FloodResult underFlood(const FloodOptions& o, Work&& work) {
    std::atomic<bool> stop{false};
    auto flooding = std::async(std::launch::async, [&] { return flood::runFlood(o, stop); });
    work();
    stop = true;
    return flooding.get();
}

TEST(Abuse, ChatAndInfoFloodsFromOneClientKeepMemoryBounded) {
    ServerProcess server({"-u", "20"});
    ASSERT_TRUE(server.started()) << server.stderrText();
    for (Mode mode : {Mode::Chat, Mode::Infos}) {
        const long before = rssKb(server.pid());
        loadgen::LoadResult played;
        const FloodResult f =
            underFlood(floodOf(server, mode, 4, 20000, 1), [&] { played = play(server, 10, 2.5); });
        const long after = rssKb(server.pid());
        ASSERT_TRUE(f.connected) << f.error;
        figure(std::string(flood::modeName(mode)) + " flood",
               std::to_string(f.sentDatagrams) + " messages in " + std::to_string(f.seconds) +
                   " s, RSS " + std::to_string(before / 1024) + " -> " +
                   std::to_string(after / 1024) + " MB");
        EXPECT_LT(after - before, 32 * 1024) << "RSS grew by more than 32 MB";
        expectEveryClientServed(played, flood::modeName(mode));
        EXPECT_TRUE(server.running());
    }
}

TEST(Abuse, ManyPortsOfOneAddressCannotKeepARealClientOut) {
    ServerProcess server({"-u", "40", "--maxchannelsperip", "24"});
    ASSERT_TRUE(server.started()) << server.stderrText();
    loadgen::LoadResult played;
    const FloodResult f = underFlood(floodOf(server, Mode::Ports, 6, 30000, 1000), [&] {
        std::this_thread::sleep_for(1s);  // the flood first takes what it can
        played = play(server, 4, 2.0);
    });
    figure("ports flood", std::to_string(f.sentDatagrams) + " datagrams from 1000 ports");
    expectEveryClientServed(played, "ports flood");
}

TEST(Abuse, ManyNonAnsweringAddressesCannotKeepARealClientOut) {
    ServerProcess server({"-u", "30"});
    ASSERT_TRUE(server.started()) << server.stderrText();
    loadgen::LoadResult played;
    const FloodResult f = underFlood(floodOf(server, Mode::Addresses, 6, 30000, 4096), [&] {
        std::this_thread::sleep_for(1500ms);  // every slot is taken and older than 1 s
        played = play(server, 4, 2.0);
    });
    figure("addresses flood", std::to_string(f.sentDatagrams) + " datagrams from 4096 addresses");
    expectEveryClientServed(played, "addresses flood");
    // The clients got in by taking the place of channels that never answered.
    EXPECT_NE(server.stderrText().find("gives way to a new client"), std::string::npos);
}

TEST(Abuse, SpoofedConnectionlessFloodGetsFewerBytesThanItSends) {
    ServerProcess server({"-u", "20"});
    ASSERT_TRUE(server.started()) << server.stderrText();
    loadgen::LoadResult played;
    const FloodResult f = underFlood(floodOf(server, Mode::ClientsList, 4, 20000, 4096),
                                     [&] { played = play(server, 10, 2.5); });
    std::ostringstream s;
    s << f.sentBytes << " bytes sent, " << f.receivedBytes << " bytes of replies (ratio "
      << static_cast<double>(f.receivedBytes) /
             static_cast<double>(std::max<uint64_t>(1, f.sentBytes))
      << ")";
    figure("clients-list reflection", s.str());
    EXPECT_GT(f.sentBytes, 0u);
    EXPECT_LT(f.receivedBytes, f.sentBytes);
    expectEveryClientServed(played, "clients-list flood");
}

// A connected client pings every 20 ms while strangers flood; returns the share answered.
double pingShareUnder(const ServerProcess& server, Mode mode, int size) {
    simclient::SimClientConfig config;
    config.serverPort = server.port();
    simclient::SimClient client(config);
    std::vector<simclient::SimClient*> clients{&client};
    EXPECT_TRUE(client.runUntil([&] { return client.connected(); }, 5s));
    auto o = floodOf(server, mode, 3, 100000, 4096);
    o.size = size;
    int pings = 0;
    underFlood(o, [&] {
        std::this_thread::sleep_for(300ms);
        const auto end = simclient::Clock::now() + 1500ms;
        while (simclient::Clock::now() < end) {
            client.sendPing();
            ++pings;
            client.runFor(20ms);
        }
        client.runFor(300ms);  // late answers
    });
    const auto answered =
        std::count(client.record().receivedIds.begin(), client.record().receivedIds.end(),
                   protocol::msgid::kClmPingMs);
    return pings > 0 ? static_cast<double>(answered) / pings : 0;
}

TEST(Abuse, ClientsPingsAreAnsweredUnderEveryStrangerFlood) {
    ServerProcess server({"-u", "10"});
    ASSERT_TRUE(server.started()) << server.stderrText();
    const std::pair<Mode, int> floods[] = {
        {Mode::Mutated, 0}, {Mode::Oversize, 30000}, {Mode::Addresses, 40}, {Mode::ClientsList, 0}};
    for (const auto& [mode, size] : floods) {
        const double share = pingShareUnder(server, mode, size);
        figure(std::string("pings answered under ") + flood::modeName(mode) + " flood",
               std::to_string(share * 100) + " %");
        EXPECT_GE(share, 0.98) << flood::modeName(mode);
    }
    EXPECT_TRUE(server.running());
    // 100,000 audio-like datagrams a second from strangers (the addresses flood) moved the
    // audio socket from the mix thread to the receive thread, and the log said so.
    EXPECT_NE(server.stderrText().find("A flood of datagrams from unknown addresses"),
              std::string::npos);
}

}  // namespace
}  // namespace tutti::test
