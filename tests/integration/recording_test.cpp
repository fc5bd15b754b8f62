// The jam recorder end to end: the real server, simulated clients sending Opus, files on disk.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include "server_process.h"
#include "temp_dir.h"
#include "tools/simclient/sim_client.h"
#include "tools/simclient/tone_analysis.h"
#include "wav_file.h"

namespace tutti::test {
namespace {

namespace fs = std::filesystem;
using recorder::test::readWav;
using recorder::test::TempDir;
using recorder::test::WavInfo;
using simclient::Clock;
using simclient::SimClient;
using simclient::SimClientConfig;

constexpr double kToneHz = 1000.0;
constexpr auto kWait = std::chrono::seconds(10);
// The tone is sent at 0.3 of full scale. On a loaded machine the simulated clients fall behind
// and the server conceals the gaps, so a one-second average can drop to a third of that; a
// silent track measures below 0.002.
constexpr double kTonePresent = 0.03;

std::vector<std::string> sessionFolders(const std::string& base) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(base, ec)) {
        if (e.is_directory() && e.path().filename().string().starts_with("Jam-")) {
            out.push_back(e.path().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool finished(const std::string& folder) {
    const std::string name = fs::path(folder).filename().string();
    return fs::exists(folder + "/" + name + ".lof") && fs::exists(folder + "/" + name + ".rpp");
}

std::vector<std::string> wavsIn(const std::string& folder) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder)) {
        if (e.path().extension() == ".wav") {
            out.push_back(e.path().filename().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string readText(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::unique_ptr<SimClient> client(uint16_t port, const std::string& name, bool tone) {
    SimClientConfig c;
    c.serverPort = port;
    c.profile.name = name;
    std::unique_ptr<simclient::PcmSource> source;
    if (tone) {
        source = std::make_unique<simclient::ToneSource>(kToneHz, 0.3);
    } else {
        source = std::make_unique<simclient::SilenceSource>();
    }
    return std::make_unique<SimClient>(c, std::move(source));
}

// Tone amplitude (fraction of full scale) of one second of a mono file from `fromSecond`.
double toneIn(const WavInfo& w, double fromSecond, double seconds = 1.0) {
    const auto from = static_cast<std::size_t>(fromSecond * 48000) * w.channels;
    const auto n = static_cast<std::size_t>(seconds * 48000) * w.channels;
    if (w.samples.size() < from + n) {
        return -1.0;
    }
    return simclient::toneAmplitude(std::span(w.samples).subspan(from, n), w.channels, 0, kToneHz);
}

// No tone in that stretch (which must exist: a short file must not pass as silent).
bool silentAt(const WavInfo& w, double fromSecond, double seconds = 1.0) {
    const double a = toneIn(w, fromSecond, seconds);
    return a >= 0.0 && a < 0.002;
}

// START from "<NAME>-<ADDR>-<START>-<CH>.wav".
uint64_t startOf(const std::string& file) {
    std::smatch m;
    const std::regex shape(".*-(\\d+)-[12](_\\d+)?\\.wav");
    return std::regex_match(file, m, shape) ? std::stoull(m[1]) : ~uint64_t{0};
}

std::string named(const std::vector<std::string>& files, const std::string& prefix) {
    for (const auto& f : files) {
        if (f.starts_with(prefix)) {
            return f;
        }
    }
    return {};
}

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

void leave(std::vector<SimClient*> clients) {
    for (SimClient* c : clients) {
        c->disconnect();
    }
    simclient::runClients(clients, Clock::now() + std::chrono::milliseconds(300));
}

TEST(Recording, ToneLandsInItsOwnFileAtItsOffset) {
    TempDir base;
    ServerProcess server({"-R", base.path(), "--recordmix"});
    ASSERT_TRUE(server.started());
    auto a = client(server.port(), "Alice", false);
    ASSERT_TRUE(waitFor({a.get()}, [&] { return a->connected() && a->record().recorderState; }));
    EXPECT_EQ(a->record().recorderState, 3);  // clients are told recording is on
    const auto aJoined = Clock::now();
    simclient::runClients(std::vector<SimClient*>{a.get()}, Clock::now() + std::chrono::seconds(1));

    auto b = client(server.port(), "Bob", true);
    ASSERT_TRUE(waitFor({a.get(), b.get()}, [&] { return b->connected(); }));
    const double joinDelay = std::chrono::duration<double>(Clock::now() - aJoined).count();
    simclient::runClients(std::vector<SimClient*>{a.get(), b.get()},
                          Clock::now() + std::chrono::seconds(3));
    leave({a.get(), b.get()});

    std::vector<std::string> folders;
    ASSERT_TRUE(waitFor({}, [&] {
        folders = sessionFolders(base.path());
        return folders.size() == 1 && finished(folders[0]);
    })) << server.stderrText();
    const std::string folder = folders[0];
    EXPECT_TRUE(
        std::regex_match(fs::path(folder).filename().string(), std::regex("Jam-\\d{8}-\\d{9}")));
    const auto files = wavsIn(folder);
    const std::string aFile = named(files, "Alice-127_0_0_1_" + std::to_string(a->localPort()));
    const std::string bFile = named(files, "Bob_-127_0_0_1_" + std::to_string(b->localPort()));
    const std::string mixFile = named(files, "Mixdown-server-0-2");
    ASSERT_FALSE(aFile.empty()) << ::testing::PrintToString(files);
    ASSERT_FALSE(bFile.empty()) << ::testing::PrintToString(files);
    ASSERT_FALSE(mixFile.empty()) << ::testing::PrintToString(files);
    EXPECT_EQ(files.size(), 3u) << ::testing::PrintToString(files);  // no stubs, no "____"

    const WavInfo aw = readWav(folder + "/" + aFile);
    const WavInfo bw = readWav(folder + "/" + bFile);
    ASSERT_TRUE(aw.valid && bw.valid);
    EXPECT_EQ(aw.channels, 1);
    EXPECT_EQ(bw.channels, 1);
    EXPECT_EQ(startOf(aFile), 0u);
    // Bob's file sits where Bob joined (within the connection set-up time) ...
    const double bStart = static_cast<double>(startOf(bFile)) * 128 / 48000;
    EXPECT_NEAR(bStart, joinDelay, 0.3) << bFile;
    // ... and both end together, when both left.
    const double aEnd = static_cast<double>(aw.samples.size()) / 48000;
    const double bEnd = bStart + static_cast<double>(bw.samples.size()) / 48000;
    EXPECT_NEAR(aEnd, bEnd, 0.1);
    // The tone is Bob's, from the start of his file, and nowhere in Alice's.
    EXPECT_GT(toneIn(bw, 0.2), kTonePresent);
    EXPECT_GT(toneIn(bw, 1.5), kTonePresent);
    EXPECT_TRUE(silentAt(aw, 0.2, 0.5));
    EXPECT_TRUE(silentAt(aw, bStart + 0.5));
    // The default mix carries it in both channels from Bob's offset on.
    const WavInfo mw = readWav(folder + "/" + mixFile);
    ASSERT_TRUE(mw.valid);
    EXPECT_EQ(mw.channels, 2);
    EXPECT_GT(toneIn(mw, bStart + 0.5), kTonePresent);
    EXPECT_TRUE(silentAt(mw, 0.1, 0.5));

    const std::string name = fs::path(folder).filename().string();
    const std::string lof = readText(folder + "/" + name + ".lof");
    EXPECT_NE(lof.find("file \"" + aFile + "\" offset 0.00000000000000\n"), std::string::npos);
    char offset[64];
    std::snprintf(offset, sizeof(offset), "%.14f", bStart);
    EXPECT_NE(lof.find("file \"" + bFile + "\" offset " + offset + "\n"), std::string::npos) << lof;
    EXPECT_NE(lof.find(mixFile), std::string::npos);
    const std::string rpp = readText(folder + "/" + name + ".rpp");
    EXPECT_NE(rpp.find("FILE \"" + folder + "/" + aFile + "\""), std::string::npos) << rpp;
    EXPECT_NE(rpp.find("FILE \"" + folder + "/" + bFile + "\""), std::string::npos);
    EXPECT_NE(rpp.find(std::string("POSITION ") + offset), std::string::npos);

    const std::string log = server.stderrText();
    EXPECT_NE(log.find("Recording state: enabled"), std::string::npos);
    EXPECT_NE(log.find("Session RPP: \"" + folder + "/" + name + ".rpp\""), std::string::npos);
    EXPECT_NE(log.find("Session LOF: \"" + folder + "/" + name + ".lof\""), std::string::npos);
}

TEST(Recording, Usr1StartsANewSessionUsr2TogglesRecording) {
    TempDir base;
    ServerProcess server({"-R", base.path()});
    ASSERT_TRUE(server.started());
    auto a = client(server.port(), "Al", true);
    std::vector<SimClient*> all{a.get()};
    ASSERT_TRUE(waitFor(all, [&] {
        return a->record().recorderState == 3 && sessionFolders(base.path()).size() == 1;
    }));
    simclient::runClients(all, Clock::now() + std::chrono::milliseconds(500));

    kill(server.pid(), SIGUSR1);
    ASSERT_TRUE(waitFor(all, [&] {
        const auto f = sessionFolders(base.path());
        return f.size() == 2 && finished(f[0]) && !wavsIn(f[1]).empty();
    })) << server.stderrText();
    // The present client starts again at 0, under its name.
    EXPECT_EQ(startOf(wavsIn(sessionFolders(base.path())[1]).at(0)), 0u);
    EXPECT_TRUE(wavsIn(sessionFolders(base.path())[1]).at(0).starts_with("Al__-"));
    simclient::runClients(all, Clock::now() + std::chrono::milliseconds(500));

    kill(server.pid(), SIGUSR2);
    ASSERT_TRUE(waitFor(all, [&] {
        const auto f = sessionFolders(base.path());
        return a->record().recorderState == 2 && f.size() == 2 && finished(f[1]);
    })) << server.stderrText();
    // Nothing is recorded while off.
    simclient::runClients(all, Clock::now() + std::chrono::milliseconds(500));
    EXPECT_EQ(sessionFolders(base.path()).size(), 2u);
    // SIGUSR1 while off does nothing.
    kill(server.pid(), SIGUSR1);
    simclient::runClients(all, Clock::now() + std::chrono::milliseconds(300));
    EXPECT_EQ(sessionFolders(base.path()).size(), 2u);

    kill(server.pid(), SIGUSR2);
    ASSERT_TRUE(waitFor(all, [&] {
        return a->record().recorderState == 3 && sessionFolders(base.path()).size() == 3;
    })) << server.stderrText();
    simclient::runClients(all, Clock::now() + std::chrono::milliseconds(1200));
    leave(all);
    ASSERT_TRUE(waitFor({}, [&] { return finished(sessionFolders(base.path())[2]); }));
    const auto f = sessionFolders(base.path());
    const WavInfo last = readWav(f[2] + "/" + wavsIn(f[2]).at(0));
    ASSERT_TRUE(last.valid);
    EXPECT_GT(toneIn(last, 0.3, 0.5), kTonePresent);

    const std::string log = server.stderrText();
    for (const char* line : {"OnHandledSignal: 10", "OnHandledSignal: 12",
                             "Recording state: disabled", "Recording state: enabled"}) {
        EXPECT_NE(log.find(line), std::string::npos) << line << "\n" << log;
    }
    EXPECT_LT(log.find("Recording state: disabled"), log.rfind("Recording state: enabled"));
}

TEST(Recording, NoRecordWaitsForUsr2) {
    TempDir base;
    ServerProcess server({"-R", base.path(), "--norecord"});
    ASSERT_TRUE(server.started());
    auto a = client(server.port(), "Al", true);
    std::vector<SimClient*> all{a.get()};
    ASSERT_TRUE(waitFor(all, [&] { return a->connected() && a->record().recorderState; }));
    EXPECT_EQ(a->record().recorderState, 2);
    simclient::runClients(all, Clock::now() + std::chrono::seconds(1));
    EXPECT_TRUE(sessionFolders(base.path()).empty());

    kill(server.pid(), SIGUSR2);
    ASSERT_TRUE(waitFor(all, [&] {
        const auto f = sessionFolders(base.path());
        return a->record().recorderState == 3 && f.size() == 1 && !wavsIn(f[0]).empty();
    })) << server.stderrText();
    simclient::runClients(all, Clock::now() + std::chrono::seconds(1));
    // SIGTERM with the client still there finishes the session: header, .rpp, .lof.
    EXPECT_EQ(server.stop(), 0);
    const std::string folder = sessionFolders(base.path()).at(0);
    EXPECT_TRUE(finished(folder));
    const WavInfo w = readWav(folder + "/" + wavsIn(folder).at(0));
    ASSERT_TRUE(w.valid);
    EXPECT_GT(w.samples.size(), 48000u * 9 / 10);
    EXPECT_GT(toneIn(w, 0.2, 0.5), kTonePresent);

    const std::string log = server.stderrText();
    EXPECT_NE(log.find("- recording will not take place until enabled"), std::string::npos);
    EXPECT_NE(log.find("Recording state: disabled"), std::string::npos);
    EXPECT_NE(log.find("Recording state: enabled"), std::string::npos);
}

TEST(Recording, KillNineLeavesPlayableFiles) {
    TempDir base;
    ServerProcess server({"-R", base.path()});
    ASSERT_TRUE(server.started());
    auto a = client(server.port(), "Al", true);
    std::vector<SimClient*> all{a.get()};
    ASSERT_TRUE(waitFor(all, [&] { return sessionFolders(base.path()).size() == 1; }));
    const auto started = Clock::now();
    simclient::runClients(all, Clock::now() + std::chrono::seconds(6));
    const double recorded = std::chrono::duration<double>(Clock::now() - started).count();
    kill(server.pid(), SIGKILL);
    server.stop();  // only reaps it: no clean shutdown ran

    const std::string folder = sessionFolders(base.path()).at(0);
    EXPECT_FALSE(finished(folder));  // like Jamulus: no project files after a crash
    const auto files = wavsIn(folder);
    ASSERT_EQ(files.size(), 1u);
    const WavInfo w = readWav(folder + "/" + files[0]);
    ASSERT_TRUE(w.valid) << "header does not describe the data after kill -9";
    const double playable = static_cast<double>(w.samples.size()) / 48000;
    // Headers are brought up to date every 2 s: all but the last few seconds play.
    EXPECT_GT(playable, recorded - 3.0) << playable << " s of " << recorded;
    EXPECT_GT(toneIn(w, 0.5), kTonePresent);
    EXPECT_GT(toneIn(w, playable - 1.0), kTonePresent);
}

TEST(Recording, UnusableDirectoryKeepsTheServerServing) {
    TempDir base;
    std::ofstream(base.path() + "/file") << "not a directory";
    const std::string dir = base.path() + "/file/recordings";
    ServerProcess server({"-R", dir});
    ASSERT_TRUE(server.started());
    auto a = client(server.port(), "Al", true);
    std::vector<SimClient*> all{a.get()};
    ASSERT_TRUE(waitFor(all, [&] { return a->connected() && a->record().recorderState; }));
    EXPECT_EQ(a->record().recorderState, 1);  // not initialised
    const std::size_t before = a->record().audioDatagramsReceived;
    simclient::runClients(all, Clock::now() + std::chrono::seconds(1));
    EXPECT_GT(a->record().audioDatagramsReceived, before + 300);  // ~375 per second
    EXPECT_TRUE(server.running());
    const std::string log = server.stderrText();
    EXPECT_NE(log.find("'" + dir + "' does not exist but could not be created. ("),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("Recording state not initialised"), std::string::npos);
}

}  // namespace
}  // namespace tutti::test
