// RecorderControl as the command layer drives it: status, start/stop, a new base directory at run
// time (the running session finished, the clients carried over), and its change callbacks.
#include "src/recorder/recorder_control.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "temp_dir.h"

namespace tutti::recorder::test {
namespace {

namespace fs = std::filesystem;

bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

// One tick of the mix thread with one mono stream.
void tick(engine::RecorderTap& tap, int slot, uint32_t generation) {
    if (tap.beginTick()) {
        std::vector<int16_t> pcm(128, 1000);
        std::vector<float> f(pcm.begin(), pcm.end());
        tap.addChannel(slot, generation, 1, pcm.data(), f.data(), 128);
        tap.endTick();
    }
}

struct RecorderControlTest : testing::Test {
    TempDir dir;
    std::vector<std::string> log;
    std::vector<uint8_t> states;
    int changes = 0;
    std::vector<engine::RecorderTap*> taps;

    std::unique_ptr<RecorderControl> make(const std::string& directory, bool enabled = true) {
        RecordingConfig c;
        c.directory = directory;
        c.enabled = enabled;
        c.maxChannels = 4;
        auto r = std::make_unique<RecorderControl>(
            c, [this](const std::string& l) { log.push_back(l); });
        r->setStateListener([this](uint8_t s) { states.push_back(s); });
        r->setChangeListener([this] { ++changes; });
        r->setTapListener([this](engine::RecorderTap* t) { taps.push_back(t); });
        return r;
    }
};

TEST_F(RecorderControlTest, WithoutDirectoryItIsNotInitialised) {
    auto r = make("");
    r->initialise();
    r->start();
    const RecorderStatusInfo s = r->status();
    EXPECT_FALSE(s.initialised);
    EXPECT_FALSE(s.enabled);
    EXPECT_FALSE(s.recording);
    EXPECT_EQ(s.directory, "");
    EXPECT_EQ(s.errorMessage, "");
    EXPECT_EQ(r->tap(), nullptr);
    // Start and stop only flip the flag that a later directory honours.
    r->setEnabled(false);
    EXPECT_EQ(states.back(), kRecorderNotInitialised);
    r->stop();
}

TEST_F(RecorderControlTest, ADirectorySetAtRunTimeCreatesTheTapOnceAndKeepsTheDisabledFlag) {
    auto r = make("", /*enabled=*/false);  // --norecord
    r->initialise();
    r->start();
    r->setDirectory(dir.path() + "/rec");
    RecorderStatusInfo s = r->status();
    EXPECT_TRUE(s.initialised);
    EXPECT_FALSE(s.enabled);
    EXPECT_EQ(s.directory, dir.path() + "/rec");
    EXPECT_TRUE(fs::is_directory(dir.path() + "/rec"));
    ASSERT_EQ(taps.size(), 1u);
    EXPECT_EQ(taps[0], r->tap());
    EXPECT_EQ(states.back(), kRecorderNotEnabled);  // clients are told the new state
    EXPECT_GE(changes, 1);

    r->setEnabled(true);
    EXPECT_TRUE(r->status().enabled);
    EXPECT_EQ(states.back(), kRecorderRecording);

    r->setDirectory(dir.path() + "/other");
    EXPECT_EQ(taps.size(), 1u);  // the same tap serves every recorder
    EXPECT_TRUE(r->status().enabled);
    r->setDirectory("");
    s = r->status();
    EXPECT_FALSE(s.initialised);
    EXPECT_FALSE(s.enabled);
    EXPECT_EQ(s.directory, "");
    EXPECT_EQ(states.back(), kRecorderNotInitialised);
    r->stop();
}

TEST_F(RecorderControlTest, AnUnusableDirectoryIsReportedUntilTheDirectoryIsSetAgain) {
    const std::string file = dir.path() + "/plain";
    std::ofstream(file) << "x";
    auto r = make(file);
    r->initialise();
    r->start();
    RecorderStatusInfo s = r->status();
    EXPECT_FALSE(s.initialised);
    // Jamulus' wording, followed by the system's reason.
    EXPECT_EQ(s.errorMessage.rfind("'" + file + "' exists but is not a directory", 0), 0u)
        << s.errorMessage;
    r->setDirectory(dir.path());
    s = r->status();
    EXPECT_TRUE(s.initialised);
    EXPECT_EQ(s.errorMessage, "");
    r->stop();
}

TEST_F(RecorderControlTest, NewDirectoryFinishesTheSessionAndRecordsThePresentClientsThere) {
    const std::string first = dir.path() + "/first";
    const std::string second = dir.path() + "/second";
    auto r = make(first);
    r->initialise();
    r->start();
    engine::RecorderTap* tap = r->tap();
    ASSERT_NE(tap, nullptr);
    r->channelOpened(0, 7, net::PeerAddress::fromIpv4(0x7F000001, 5000));
    r->channelNamed(0, "Alice");
    // Ticks until the recorder thread has opened the session folder.
    ASSERT_TRUE(waitFor(
        [&] {
            tick(*tap, 0, 7);
            r->poll();
            return r->status().recording;
        },
        std::chrono::seconds(5)));
    const std::string session = r->status().sessionFolder;
    EXPECT_EQ(session.rfind(first + "/Jam-", 0), 0u) << session;
    const int changesBefore = changes;

    r->setDirectory(second);
    // The old session is complete: project files are written only when it is finished.
    bool lof = false;
    for (const auto& e : fs::directory_iterator(session)) {
        lof |= e.path().extension() == ".lof";
    }
    EXPECT_TRUE(lof);
    EXPECT_GT(changes, changesBefore);

    // Alice is still here and is recorded into the new directory under her name.
    ASSERT_TRUE(waitFor(
        [&] {
            tick(*tap, 0, 7);
            r->poll();
            return r->status().recording;
        },
        std::chrono::seconds(5)));
    const std::string next = r->status().sessionFolder;
    EXPECT_EQ(next.rfind(second + "/Jam-", 0), 0u) << next;
    r->stop();
    bool alice = false;
    for (const auto& e : fs::directory_iterator(next)) {
        alice |= e.path().filename().string().rfind("Alice", 0) == 0;
    }
    EXPECT_TRUE(alice);
    EXPECT_FALSE(r->status().recording);
}

}  // namespace
}  // namespace tutti::recorder::test
