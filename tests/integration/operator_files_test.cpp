// The -l connection log and the -m HTML status file of the real server, with simulated clients
// joining and leaving, and with files that cannot be written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include "server_process.h"
#include "temp_dir.h"
#include "tools/simclient/sim_client.h"

namespace tutti::test {
namespace {

namespace fs = std::filesystem;
using recorder::test::TempDir;
using simclient::Clock;
using simclient::SimClient;
using simclient::SimClientConfig;

constexpr auto kWait = std::chrono::seconds(10);
const std::string kIdle = ",, server idling -------------------------------------";
const std::string kStamp = R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)";

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> out;
    std::string line;
    for (char c : text) {
        if (c == '\n') {
            out.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    return out;
}

std::size_t countOf(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos;
         at = text.find(what, at + what.size())) {
        ++n;
    }
    return n;
}

std::unique_ptr<SimClient> client(uint16_t port, const std::string& name) {
    SimClientConfig c;
    c.serverPort = port;
    c.profile.name = name;
    return std::make_unique<SimClient>(c);
}

// Runs the clients (keeping them alive) until `done` or the time-out.
bool waitFor(std::vector<SimClient*> clients, const std::function<bool()>& done,
             Clock::duration timeout = kWait) {
    if (clients.empty()) {
        const auto end = Clock::now() + timeout;
        while (!done()) {
            if (Clock::now() > end) {
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return true;
    }
    return simclient::runClientsUntil(clients, done, timeout);
}

void leave(SimClient& c, std::vector<SimClient*> others) {
    c.disconnect();
    others.push_back(&c);
    simclient::runClients(others, Clock::now() + std::chrono::milliseconds(300));
}

TEST(OperatorFiles, LogAndStatusFollowClientsJoiningAndLeaving) {
    TempDir dir;
    const std::string log = dir.path() + "/jamulus.log";
    const std::string status = dir.path() + "/status.html";
    ServerProcess server({"-l", log, "-m", status});
    ASSERT_TRUE(server.started());
    ASSERT_TRUE(waitFor({}, [&] { return readText(status) == "  No client connected\n"; }));
    EXPECT_TRUE(fs::exists(log));

    auto alice = client(server.port(), "Alice <A&B>");
    ASSERT_TRUE(waitFor({alice.get()}, [&] {
        return readText(status) == "<ul>\n  <li>Alice &lt;A&amp;B&gt;</li>\n</ul>\n";
    })) << readText(status);
    auto bob = client(server.port(), "Bob");
    ASSERT_TRUE(waitFor({alice.get(), bob.get()}, [&] {
        return readText(status) ==
               "<ul>\n  <li>Alice &lt;A&amp;B&gt;</li>\n  <li>Bob</li>\n</ul>\n";
    })) << readText(status);

    leave(*bob, {alice.get()});
    ASSERT_TRUE(waitFor({alice.get()}, [&] {
        return readText(status) == "<ul>\n  <li>Alice &lt;A&amp;B&gt;</li>\n</ul>\n";
    })) << readText(status);
    leave(*alice, {});
    ASSERT_TRUE(waitFor({}, [&] { return readText(status) == "  No client connected\n"; }))
        << readText(status);
    ASSERT_TRUE(waitFor({}, [&] { return linesOf(readText(log)).size() == 3; })) << readText(log);

    const std::vector<std::string> lines = linesOf(readText(log));
    EXPECT_TRUE(
        std::regex_match(lines[0], std::regex(kStamp + ", 127\\.0\\.0\\.1, connected \\(1\\)")))
        << lines[0];
    EXPECT_TRUE(
        std::regex_match(lines[1], std::regex(kStamp + ", 127\\.0\\.0\\.1, connected \\(2\\)")))
        << lines[1];
    EXPECT_TRUE(std::regex_match(lines[2], std::regex(kStamp + kIdle))) << lines[2];
    // The same lines went to stderr.
    for (const std::string& line : lines) {
        EXPECT_NE(server.stderrText().find(line.substr(19)), std::string::npos) << line;
    }

    EXPECT_EQ(server.stop(), 0);
    EXPECT_EQ(readText(status), "  Server terminated\n");
    EXPECT_EQ(linesOf(readText(log)).size(), 3u);  // nobody was left: no second idle line
}

TEST(OperatorFiles, StoppingWithClientsWritesTheIdleLine) {
    TempDir dir;
    const std::string log = dir.path() + "/jamulus.log";
    std::ofstream(log) << "from an earlier run\n";
    ServerProcess server({"--log", log, "--htmlstatus", dir.path() + "/s.html"});
    ASSERT_TRUE(server.started());
    auto alice = client(server.port(), "Alice");
    ASSERT_TRUE(waitFor({alice.get()}, [&] { return linesOf(readText(log)).size() == 2; }));
    EXPECT_EQ(server.stop(), 0);
    const std::vector<std::string> lines = linesOf(readText(log));
    ASSERT_EQ(lines.size(), 3u) << readText(log);
    EXPECT_EQ(lines[0], "from an earlier run");
    EXPECT_TRUE(std::regex_match(lines[2], std::regex(kStamp + kIdle))) << lines[2];
    EXPECT_EQ(readText(dir.path() + "/s.html"), "  Server terminated\n");
}

TEST(OperatorFiles, UnwritableFilesAreReportedOnceAndTheServerKeepsServing) {
    TempDir dir;
    // A regular file where a directory should be: no write can succeed, even as root.
    const std::string blocker = dir.path() + "/plain";
    std::ofstream(blocker) << "x";
    ServerProcess server({"-l", blocker + "/jamulus.log", "-m", blocker + "/status.html"});
    ASSERT_TRUE(server.started());
    for (int round = 0; round < 2; ++round) {
        auto alice = client(server.port(), "Alice");
        auto bob = client(server.port(), "Bob");
        ASSERT_TRUE(waitFor({alice.get(), bob.get()}, [&] {
            return alice->connected() && bob->connected() && alice->record().clientList &&
                   alice->record().clientList->size() == 2;
        }));
        leave(*alice, {bob.get()});
        leave(*bob, {});
    }
    ASSERT_TRUE(server.running());
    const std::string err = server.stderrText();
    EXPECT_EQ(countOf(err, "Cannot write the log file \"" + blocker + "/jamulus.log\""), 1u) << err;
    EXPECT_EQ(countOf(err, "Cannot write the HTML status file \"" + blocker + "/status.html\""), 1u)
        << err;
    EXPECT_EQ(countOf(err, ", connected (2)"), 2u) << err;  // everyone was served
    EXPECT_EQ(server.stop(), 0);
    EXPECT_EQ(countOf(server.stderrText(), "Cannot write the HTML status file"), 1u);
}

TEST(OperatorFiles, AFolderRemovedWhileRunningIsReportedOnce) {
    TempDir dir;
    const std::string sub = dir.path() + "/sub";
    fs::create_directory(sub);
    ServerProcess server({"-l", sub + "/jamulus.log", "-m", sub + "/status.html"});
    ASSERT_TRUE(server.started());
    ASSERT_TRUE(waitFor({}, [&] { return fs::exists(sub + "/status.html"); }));
    fs::remove_all(sub);
    auto alice = client(server.port(), "Alice");
    ASSERT_TRUE(waitFor({alice.get()}, [&] {
        return countOf(server.stderrText(), "Cannot write the HTML status file") == 1 &&
               countOf(server.stderrText(), "Cannot write the log file") == 1;
    })) << server.stderrText();
    // Still serving: the client gets its mix.
    const auto before = alice->record().audioDatagramsReceived;
    ASSERT_TRUE(waitFor({alice.get()},
                        [&] { return alice->record().audioDatagramsReceived > before + 100; }));
    leave(*alice, {});
    EXPECT_TRUE(server.running());
    EXPECT_EQ(countOf(server.stderrText(), "Cannot write the log file"), 1u);
    EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace tutti::test
