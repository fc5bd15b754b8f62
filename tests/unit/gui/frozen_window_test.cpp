// Issue 11 point 1: a window that freezes for two seconds must not cost a mix frame. Runs the real
// tutti-server-gui (offscreen platform), lets simulated clients play (tools/loadgen) and blocks
// the GUI thread for 2 s in the middle of the measurement through the test hook
// TUTTI_TEST_GUI_FREEZE_AFTER_MS. Every client must still get at least 99.5 % of its mixes, no
// mix tick may take anywhere near the freeze, and the mix ticks during the freeze must be no
// later than those around it (sampled over JSON-RPC, so a shared runner's own stalls, which hit
// both periods alike, do not count against the window).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "rpc_line_client.h"
#include "server_process.h"
#include "tools/loadgen/load_generator.h"

namespace tutti::gui::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kFreezeMs = 2000;
constexpr const char* kSecret = "frozen-window-secret";

uint16_t freeUdpPort() {
    return tutti::test::ServerProcess::freeUdpPort();
}

int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string readFile(const fs::path& p) {
    std::ifstream f(p);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

// tutti-server-gui as a child with its window on the offscreen platform; SIGTERM on destruction.
class GuiServer {
  public:
    GuiServer(const fs::path& dir, uint16_t port, int freezeAfterMs,
              const std::vector<std::string>& extra = {})
        : stderr_(dir / "stderr.txt"), dump_(dir / "window.json") {
        const fs::path dump = dump_;
        fs::remove(dump);
        std::vector<std::string> args = {
            TUTTI_SERVER_GUI_BIN,           "-p", std::to_string(port), "-u", "8", "-i",
            (dir / "settings.ini").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        pid_ = fork();
        if (pid_ == 0) {
            const int fd = ::open(stderr_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, STDERR_FILENO);
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
            setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
            setenv("TUTTI_TEST_GUI_DUMP", dump.c_str(), 1);
            if (freezeAfterMs >= 0) {
                setenv("TUTTI_TEST_GUI_FREEZE_AFTER_MS", std::to_string(freezeAfterMs).c_str(), 1);
            }
            setenv("TUTTI_TEST_GUI_FREEZE_MS", std::to_string(kFreezeMs).c_str(), 1);
            std::vector<char*> argv;
            for (auto& a : args) {
                argv.push_back(a.data());
            }
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        // Ready once the window has written what it shows (it is built after the server started).
        const auto deadline = Clock::now() + std::chrono::seconds(15);
        while (Clock::now() < deadline && !fs::exists(dump) && alive()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ready_ = fs::exists(dump);
    }
    ~GuiServer() { stop(); }

    bool ready() const { return ready_; }
    bool alive() { return pid_ > 0 && waitpid(pid_, &status_, WNOHANG) == 0; }
    std::string stderrText() const { return readFile(stderr_); }
    std::string windowText() const { return readFile(dump_); }
    int stop() {
        if (pid_ <= 0) {
            return status_;
        }
        kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        while (Clock::now() < deadline) {
            if (waitpid(pid_, &status_, WNOHANG) == pid_) {
                pid_ = -1;
                return status_;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, &status_, 0);
        pid_ = -1;
        return -1;
    }

  private:
    fs::path stderr_;
    fs::path dump_;
    pid_t pid_ = -1;
    int status_ = 0;
    bool ready_ = false;
};

// The engine's tick counters at one moment (wall clock, ms).
struct TickSample {
    int64_t atMs = 0;
    uint64_t ticks = 0;
    uint64_t late = 0;
};

// Asks tutti/getEngineStatistics every 100 ms from a thread of its own until stopped. The control
// thread answers it, so the samples keep coming while the window is frozen.
class TickSampler {
  public:
    explicit TickSampler(uint16_t rpcPort) : rpc_(rpcPort), thread_([this] { run(); }) {}
    ~TickSampler() { stop(); }
    std::vector<TickSample> stop() {
        stop_ = true;
        if (thread_.joinable()) {
            thread_.join();
        }
        return samples_;
    }

  private:
    void run() {
        if (!rpc_.authenticate(kSecret)) {
            return;
        }
        const std::regex ticks("\"ticks\":(\\d+)");
        const std::regex late("\"lateTicks\":(\\d+)");
        while (!stop_) {
            const std::string answer =
                rpc_.call("tutti/getEngineStatistics", "{}", std::chrono::seconds(2));
            std::smatch t;
            std::smatch l;
            if (std::regex_search(answer, t, ticks) && std::regex_search(answer, l, late)) {
                samples_.push_back({wallMs(), std::stoull(t[1]), std::stoull(l[1])});
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    tutti::test::RpcLineClient rpc_;
    std::atomic<bool> stop_{false};
    std::vector<TickSample> samples_;
    std::thread thread_;
};

// The last sample taken at or before `ms`, and the first at or after it.
const TickSample* lastAtOrBefore(const std::vector<TickSample>& s, int64_t ms) {
    const TickSample* found = nullptr;
    for (const auto& x : s) {
        if (x.atMs <= ms) {
            found = &x;
        }
    }
    return found;
}
const TickSample* firstAtOrAfter(const std::vector<TickSample>& s, int64_t ms) {
    for (const auto& x : s) {
        if (x.atMs >= ms) {
            return &x;
        }
    }
    return nullptr;
}

TEST(FrozenWindow, TwoSecondsOfHungWindowCostNoMixFrame) {
    const fs::path dir =
        fs::temp_directory_path() / ("tutti-gui-freeze-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const uint16_t port = freeUdpPort();

    loadgen::LoadOptions o;
    o.serverPort = port;
    o.clients = 4;
    o.frameSamples = 128;
    o.channels = 2;
    o.joinOverS = 0.5;
    o.settleS = 0.5;
    o.durationS = 4.0;
    o.waitIdleS = 0;
    o.decodeCheck = true;
    // The freeze starts 2.5 s after the window is up: inside the measurement window (about
    // 1 s .. 5 s into the run) with room on both sides.
    const uint16_t rpcPort = tutti::test::TcpLinePeer::freeTcpPort();
    const fs::path secretFile = dir / "secret";
    std::ofstream(secretFile) << kSecret << "\n";
    GuiServer gui(
        dir, port, 2500,
        {"--jsonrpcport", std::to_string(rpcPort), "--jsonrpcsecretfile", secretFile.string()});
    ASSERT_TRUE(gui.ready()) << gui.stderrText();
    TickSampler sampler(rpcPort);
    const int64_t runStart = wallMs();
    std::ostringstream log;
    const loadgen::LoadResult r = loadgen::runLoad(o, &log);
    const int64_t runEnd = wallMs();
    const std::vector<TickSample> samples = sampler.stop();
    std::cout << log.str() << loadgen::formatSummary(r);
    EXPECT_TRUE(gui.alive());
    gui.stop();
    const std::string err = gui.stderrText();

    // The freeze happened, and inside the measurement window.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(err, m, std::regex("GUI thread frozen at (\\d+) for (\\d+) ms")))
        << err;
    const int64_t frozenAt = std::stoll(m[1]);
    ASSERT_TRUE(std::regex_search(err, m, std::regex("GUI thread thawed at (\\d+)"))) << err;
    const int64_t thawedAt = std::stoll(m[1]);
    EXPECT_GE(thawedAt - frozenAt, kFreezeMs);
    const int64_t measureFrom = runStart + static_cast<int64_t>((o.joinOverS + o.settleS) * 1000);
    EXPECT_GE(frozenAt, measureFrom) << "freeze began before the measurement window";
    EXPECT_LE(thawedAt, runEnd) << "freeze outlasted the run";

    EXPECT_EQ(r.joined, o.clients);
    for (const auto& c : r.clients) {
        SCOPED_TRACE("client " + std::to_string(c.index));
        EXPECT_GE(c.delivered, 0.995);
        EXPECT_EQ(c.decodeErrors, 0u);
    }
    // The engine's own figures at exit: "Engine: N ticks, M late, worst tick W us, ...". A freeze
    // that reached the mix thread would show as one tick of about 2 s (and ~750 lost mixes above).
    ASSERT_TRUE(std::regex_search(
        err, m, std::regex("Engine: (\\d+) ticks, (\\d+) late, worst tick (\\d+) us")))
        << err;
    const uint64_t ticks = std::stoull(m[1]);
    const uint64_t late = std::stoull(m[2]);
    const uint64_t worstTickUs = std::stoull(m[3]);
    std::cout << "engine: " << ticks << " ticks, " << late << " late, worst tick " << worstTickUs
              << " us\n";
    EXPECT_GT(ticks, 1000u);
    EXPECT_LT(worstTickUs, 200000u);

    // Late ticks while frozen against the measurement's ticks around the freeze. A mix thread that
    // waited on the window in any way would be late for most of the freeze's ~750 ticks; a shared
    // runner's stalls make some ticks late in both periods (in CI once 6 % of a whole run). The
    // freeze may be at most 5 % late, or three times the rate around it on a busier runner.
    const TickSample* before = lastAtOrBefore(samples, frozenAt);
    const TickSample* after = firstAtOrAfter(samples, thawedAt);
    const TickSample* first = firstAtOrAfter(samples, measureFrom);
    const TickSample* last = samples.empty() ? nullptr : &samples.back();
    ASSERT_TRUE(before && after && first && last && first->atMs <= before->atMs)
        << samples.size() << " engine samples over JSON-RPC do not bracket the freeze";
    const double frozenTicks = static_cast<double>(after->ticks - before->ticks);
    const double frozenLate = static_cast<double>(after->late - before->late);
    const double aroundTicks =
        static_cast<double>((before->ticks - first->ticks) + (last->ticks - after->ticks));
    const double aroundLate =
        static_cast<double>((before->late - first->late) + (last->late - after->late));
    const double aroundRate = aroundTicks > 0 ? aroundLate / aroundTicks : 0.0;
    std::cout << "frozen: " << frozenLate << " late of " << frozenTicks
              << " ticks; around: " << aroundLate << " late of " << aroundTicks << " ticks\n";
    EXPECT_GT(frozenTicks, 0.8 * kFreezeMs / 2.667) << "the mix clock slowed while frozen";
    EXPECT_GT(aroundTicks, 200.0) << "too little measurement around the freeze to compare";
    EXPECT_LE(frozenLate, std::max(0.05, 3 * aroundRate) * frozenTicks);
    fs::remove_all(dir);
}

// The real binary: what the window changed (here: what -o and -w set) is saved at quit and
// comes back at the next start; an option given again wins over the saved value.
TEST(DesktopServer, SettingsSurviveARestartAndTheCommandLineWins) {
    const fs::path dir =
        fs::temp_directory_path() / ("tutti-gui-restart-" + std::to_string(getpid()));
    fs::create_directories(dir);
    {
        GuiServer gui(dir, freeUdpPort(), -1,
                      {"-o", "Saved Name;Lyon;fr", "-w", "saved <b>hi</b>"});
        ASSERT_TRUE(gui.ready()) << gui.stderrText();
        EXPECT_EQ(gui.stop(), 0);
    }
    const std::string saved = readFile(dir / "settings.ini");
    EXPECT_NE(saved.find("<name>Saved Name</name>"), std::string::npos) << saved;
    EXPECT_NE(saved.find("<city>Lyon</city>"), std::string::npos) << saved;
    {
        GuiServer gui(dir, freeUdpPort(), -1);
        ASSERT_TRUE(gui.ready()) << gui.stderrText();
        const std::string window = gui.windowText();
        EXPECT_NE(window.find("\"title\": \"Tutti server - Saved Name\""), std::string::npos)
            << window;
        EXPECT_NE(window.find("saved <b>hi</b>"), std::string::npos) << window;
        gui.stop();
    }
    {
        GuiServer gui(dir, freeUdpPort(), -1, {"-o", "Given;Nice;fr"});
        ASSERT_TRUE(gui.ready()) << gui.stderrText();
        EXPECT_NE(gui.windowText().find("Tutti server - Given"), std::string::npos)
            << gui.windowText();
        gui.stop();
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace tutti::gui::test
