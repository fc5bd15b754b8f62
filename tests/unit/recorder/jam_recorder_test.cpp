// The recorder thread fed with synthetic frames: folders, file names, offsets, project files,
// crash-safe headers and failures.
#include "src/recorder/jam_recorder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <thread>

#include "src/recorder/recorder_control.h"
#include "temp_dir.h"
#include "wav_file.h"

namespace tutti::recorder::test {
namespace {

namespace fs = std::filesystem;
using engine::RecordedFrame;
using engine::RecorderTap;

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

std::vector<std::string> sessions(const std::string& base) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(base)) {
        out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::set<std::string> filesIn(const std::string& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        out.insert(e.path().filename().string());
    }
    return out;
}

std::string readText(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Plays the mix thread: one call = one tick with the given streams.
class FakeMix {
  public:
    explicit FakeMix(RecorderTap& tap) : tap_(tap) {}
    struct Stream {
        int slot;
        uint32_t generation;
        int channels;
        int16_t value;
    };
    void tick(const std::vector<Stream>& streams) {
        if (tap_.beginTick()) {
            for (const Stream& s : streams) {
                std::vector<int16_t> pcm(static_cast<std::size_t>(128 * s.channels), s.value);
                std::vector<float> f(pcm.begin(), pcm.end());
                tap_.addChannel(s.slot, s.generation, s.channels, pcm.data(), f.data(), 128);
            }
            tap_.endTick();
        }
    }

  private:
    RecorderTap& tap_;
};

class JamRecorderTest : public testing::Test {
  protected:
    JamRecorderTest() : tap_(4096, false), recorder_(tap_, dir_.path(), 128), mix_(tap_) {
        recorder_.setEnabled(true);
        tap_.setEnabled(true);
        recorder_.start();
    }
    // Lines the recorder asked to log, collected until `what` shows up.
    bool waitForLog(const std::string& what) {
        return waitFor(
            [&] {
                for (auto& e : recorder_.takeEvents()) {
                    log_.push_back(e.text);
                    failed_ = failed_ || e.kind == RecorderEvent::Kind::Failed;
                }
                for (const auto& l : log_) {
                    if (l.find(what) != std::string::npos) {
                        return true;
                    }
                }
                return false;
            },
            std::chrono::seconds(5));
    }

    TempDir dir_;
    RecorderTap tap_;
    JamRecorder recorder_;
    FakeMix mix_;
    std::vector<std::string> log_;
    bool failed_ = false;
};

TEST_F(JamRecorderTest, OneFilePerClientAtTheRightOffset) {
    recorder_.clientJoined(0, 11, "127.0.0.1", 22783);
    recorder_.clientNamed(0, "Alice Ä.");
    for (int t = 0; t < 10; ++t) {
        mix_.tick({{0, 11, 1, 100}});
    }
    recorder_.clientJoined(1, 12, "192.168.1.9", 5000);
    for (int t = 0; t < 5; ++t) {
        mix_.tick({{0, 11, 1, 100}, {1, 12, 2, -7}});
    }
    recorder_.clientNamed(1, "Bob");  // named after its file was opened: the file is renamed
    for (int t = 0; t < 5; ++t) {
        mix_.tick({{0, 11, 1, 100}, {1, 12, 2, -7}});
    }
    recorder_.clientLeft(1, 12);
    recorder_.clientLeft(0, 11);
    ASSERT_TRUE(waitForLog("Session LOF"));

    const auto s = sessions(dir_.path());
    ASSERT_EQ(s.size(), 1u);
    EXPECT_TRUE(std::regex_match(s[0], std::regex("Jam-\\d{8}-\\d{9}")));
    const std::string folder = dir_.path() + "/" + s[0];
    EXPECT_EQ(filesIn(folder), (std::set<std::string>{"Alice_A_-127_0_0_1_22783-0-1.wav",
                                                      "Bob_-192_168_1_x_5000-10-2.wav",
                                                      s[0] + ".lof", s[0] + ".rpp"}));
    const WavInfo alice = readWav(folder + "/Alice_A_-127_0_0_1_22783-0-1.wav");
    ASSERT_TRUE(alice.valid);
    EXPECT_EQ(alice.channels, 1);
    EXPECT_EQ(alice.samples, std::vector<int16_t>(20 * 128, 100));
    const WavInfo bob = readWav(folder + "/Bob_-192_168_1_x_5000-10-2.wav");
    ASSERT_TRUE(bob.valid);
    EXPECT_EQ(bob.channels, 2);
    EXPECT_EQ(bob.samples, std::vector<int16_t>(10 * 128 * 2, -7));

    EXPECT_EQ(readText(folder + "/" + s[0] + ".lof"),
              "file \"Alice_A_-127_0_0_1_22783-0-1.wav\" offset 0.00000000000000\n"
              "file \"Bob_-192_168_1_x_5000-10-2.wav\" offset 0.02666666666667\n");
    const std::string rpp = readText(folder + "/" + s[0] + ".rpp");
    EXPECT_NE(rpp.find("FILE \"" + folder + "/Bob_-192_168_1_x_5000-10-2.wav\""),
              std::string::npos);
    EXPECT_NE(rpp.find("LENGTH 0.05333333333333"), std::string::npos);
    EXPECT_NE(rpp.find("POSITION 0.02666666666667"), std::string::npos);
    EXPECT_NE(
        std::find(log_.begin(), log_.end(), "Session RPP: \"" + folder + "/" + s[0] + ".rpp\""),
        log_.end());
}

TEST_F(JamRecorderTest, ChannelSwitchWhileConnectingLeavesNoStub) {
    recorder_.clientJoined(0, 5, "127.0.0.1", 1000);
    recorder_.clientNamed(0, "Sam");
    mix_.tick({{0, 5, 1, 1}});  // the first frame, before the client switched to stereo
    for (int t = 0; t < 3; ++t) {
        mix_.tick({{0, 5, 2, 2}});
    }
    recorder_.clientLeft(0, 5);
    ASSERT_TRUE(waitForLog("Session LOF"));
    const auto s = sessions(dir_.path());
    ASSERT_EQ(s.size(), 1u);
    const std::string folder = dir_.path() + "/" + s[0];
    EXPECT_EQ(filesIn(folder),
              (std::set<std::string>{"Sam_-127_0_0_1_1000-1-2.wav", s[0] + ".lof", s[0] + ".rpp"}));
}

TEST_F(JamRecorderTest, RejoinGetsANewItemOnTheSameTrack) {
    recorder_.clientJoined(0, 1, "127.0.0.1", 1000);
    recorder_.clientJoined(1, 2, "127.0.0.1", 2000);
    recorder_.clientNamed(1, "Bob");
    mix_.tick({{0, 1, 1, 1}, {1, 2, 1, 2}});
    recorder_.clientLeft(1, 2);
    mix_.tick({{0, 1, 1, 1}});
    recorder_.clientJoined(1, 3, "127.0.0.1", 2000);
    recorder_.clientNamed(1, "Bob");
    mix_.tick({{0, 1, 1, 1}, {1, 3, 1, 2}});
    mix_.tick({{0, 1, 1, 1}, {1, 3, 1, 2}});
    recorder_.clientLeft(0, 1);
    recorder_.clientLeft(1, 3);
    ASSERT_TRUE(waitForLog("Session LOF"));
    const auto s = sessions(dir_.path());
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(readText(dir_.path() + "/" + s[0] + "/" + s[0] + ".lof"),
              "file \"Bob_-127_0_0_1_2000-0-1.wav\" offset 0.00000000000000\n"
              "file \"Bob_-127_0_0_1_2000-2-1.wav\" offset 0.00533333333333\n"
              "file \"____-127_0_0_1_1000-0-1.wav\" offset 0.00000000000000\n");
    const std::string rpp = readText(dir_.path() + "/" + s[0] + "/" + s[0] + ".rpp");
    EXPECT_NE(rpp.find("NAME Bob_-127_0_0_1_2000 (2)"), std::string::npos);
}

TEST_F(JamRecorderTest, NewSessionOnlyWhileRecording) {
    recorder_.clientJoined(0, 1, "127.0.0.1", 1000);
    recorder_.clientNamed(0, "Al");
    mix_.tick({{0, 1, 1, 1}});
    ASSERT_TRUE(
        waitFor([&] { return sessions(dir_.path()).size() == 1; }, std::chrono::seconds(5)));
    // Folder names have millisecond resolution.
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    recorder_.newSession();
    mix_.tick({{0, 1, 1, 1}});
    ASSERT_TRUE(waitForLog("Session LOF"));
    ASSERT_TRUE(
        waitFor([&] { return sessions(dir_.path()).size() == 2; }, std::chrono::seconds(5)));
    recorder_.clientLeft(0, 1);
    recorder_.stop();
    for (const std::string& s : sessions(dir_.path())) {
        // Present clients start again at frame 0 in the new folder, with their name.
        EXPECT_TRUE(fs::exists(dir_.path() + "/" + s + "/Al__-127_0_0_1_1000-0-1.wav")) << s;
        EXPECT_TRUE(fs::exists(dir_.path() + "/" + s + "/" + s + ".rpp")) << s;
    }
}

TEST_F(JamRecorderTest, OpenFilesArePlayableWhileRecording) {
    recorder_.clientJoined(0, 1, "127.0.0.1", 1000);
    recorder_.clientNamed(0, "Al");
    for (int t = 0; t < 200; ++t) {
        mix_.tick({{0, 1, 1, 9}});
    }
    ASSERT_TRUE(
        waitFor([&] { return sessions(dir_.path()).size() == 1; }, std::chrono::seconds(5)));
    const std::string file =
        dir_.path() + "/" + sessions(dir_.path())[0] + "/Al__-127_0_0_1_1000-0-1.wav";
    // Without closing anything, a checkpoint makes the header count what is there.
    ASSERT_TRUE(waitFor([&] { return readWav(file).samples.size() == 200 * 128; },
                        JamRecorder::kCheckpointInterval * 3));
}

TEST_F(JamRecorderTest, UnusableBaseStopsRecordingAndSaysWhy) {
    tap_.setEnabled(false);
    recorder_.stop();
    TempDir other;
    const std::string notADir = other.path() + "/file";
    std::ofstream(notADir) << "x";
    RecorderTap tap(64, false);
    JamRecorder recorder(tap, notADir, 128);
    recorder.setEnabled(true);
    tap.setEnabled(true);
    recorder.start();
    recorder.clientJoined(0, 1, "127.0.0.1", 1000);
    FakeMix mix(tap);
    mix.tick({{0, 1, 1, 1}});
    std::vector<RecorderEvent> events;
    ASSERT_TRUE(waitFor(
        [&] {
            for (auto& e : recorder.takeEvents()) {
                events.push_back(e);
            }
            return !events.empty() && events.back().kind == RecorderEvent::Kind::Failed;
        },
        std::chrono::seconds(5)));
    ASSERT_GE(events.size(), 2u);
    EXPECT_TRUE(events[0].text.starts_with("Could not start recording: \"" + notADir + "/Jam-"))
        << events[0].text;
    EXPECT_NE(events[0].text.find("does not exist and could not be created"), std::string::npos);
    EXPECT_FALSE(tap.enabled());
}

TEST(RecorderControl, StatesSignalsAndLogLines) {
    TempDir dir;
    std::vector<std::string> log;
    std::vector<uint8_t> sent;
    RecordingConfig config;
    config.directory = dir.path() + "/new/base";
    config.enabled = false;  // --norecord
    RecorderControl control(config, [&](const std::string& l) { log.push_back(l); });
    control.setStateListener([&](uint8_t s) { sent.push_back(s); });
    control.initialise();
    ASSERT_NE(control.tap(), nullptr);
    EXPECT_TRUE(fs::is_directory(config.directory));
    control.start();
    EXPECT_EQ(control.state(), kRecorderNotEnabled);
    EXPECT_FALSE(control.tap()->enabled());
    control.toggleEnabled();
    EXPECT_EQ(control.state(), kRecorderRecording);
    EXPECT_TRUE(control.tap()->enabled());
    control.toggleEnabled();
    EXPECT_EQ(log,
              (std::vector<std::string>{"Recording state: disabled", "Recording state: enabled",
                                        "Recording state: disabled"}));
    EXPECT_EQ(sent, (std::vector<uint8_t>{3, 2}));
    control.stop();
}

TEST(RecorderControl, WithoutUsableDirectoryItIsNotInitialised) {
    TempDir dir;
    std::ofstream(dir.path() + "/file") << "x";
    std::vector<std::string> log;
    std::vector<uint8_t> sent;
    RecordingConfig config;
    config.directory = dir.path() + "/file/sub";
    RecorderControl control(config, [&](const std::string& l) { log.push_back(l); });
    control.setStateListener([&](uint8_t s) { sent.push_back(s); });
    control.initialise();
    EXPECT_EQ(control.tap(), nullptr);
    EXPECT_EQ(control.state(), kRecorderNotInitialised);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_TRUE(log[0].starts_with("'" + config.directory +
                                   "' does not exist but could not be "
                                   "created. ("))
        << log[0];
    EXPECT_EQ(log[1], "Recording state not initialised");
    control.toggleEnabled();  // SIGUSR2 re-sends "not initialised"
    EXPECT_EQ(sent, (std::vector<uint8_t>{1}));
    control.newSession();  // nothing to do, nothing breaks
}

}  // namespace
}  // namespace tutti::recorder::test
