// The WAV writer keeps a valid header while writing, so a crash leaves playable files.
#include "audio/wav_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "temp_dir.h"
#include "wav_file.h"

namespace tutti::recorder::test {
namespace {

std::vector<int16_t> ramp(int frames, int channels, int16_t start) {
    std::vector<int16_t> v(static_cast<std::size_t>(frames * channels));
    for (std::size_t i = 0; i < v.size(); ++i) {
        v[i] = static_cast<int16_t>(start + static_cast<int>(i));
    }
    return v;
}

TEST(WavWriter, HeaderIsCanonicalAfterClose) {
    TempDir dir;
    const std::string path = dir.path() + "/a.wav";
    audio::WavWriter w;
    ASSERT_TRUE(w.open(path, 2));
    const auto pcm = ramp(128, 2, 0);
    ASSERT_TRUE(w.write(pcm.data(), 128));
    ASSERT_TRUE(w.close());
    const auto bytes = readBytes(path);
    ASSERT_EQ(bytes.size(), 44u + 128 * 4);
    EXPECT_EQ(audio::wavHeader(2, 512), std::vector<uint8_t>(bytes.begin(), bytes.begin() + 44));
    // Fixed bytes of the canonical header, spelled out once (RECORDING.md 5.3).
    const std::vector<uint8_t> expected = {
        'R',  'I', 'F', 'F', 0x24, 0x02, 0,   0,   'W', 'A',  'V',  'E',  'f', 'm',  't',
        ' ',  16,  0,   0,   0,    1,    0,   2,   0,   0x80, 0xBB, 0,    0,   0x00, 0xEE,
        0x02, 0,   4,   0,   16,   0,    'd', 'a', 't', 'a',  0x00, 0x02, 0,   0};
    EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 44), expected);
    const WavInfo info = readWav(path);
    ASSERT_TRUE(info.valid);
    EXPECT_EQ(info.samples, pcm);
}

TEST(WavWriter, HeaderValidAfterEveryCheckpoint) {
    TempDir dir;
    const std::string path = dir.path() + "/b.wav";
    audio::WavWriter w;
    ASSERT_TRUE(w.open(path, 1));
    std::vector<int16_t> all;
    for (int round = 0; round < 20; ++round) {
        // Enough frames that the internal buffer is written out mid-round sometimes.
        const int frames = 128 * (1 + round * 7);
        const auto pcm = ramp(frames, 1, static_cast<int16_t>(round * 100));
        ASSERT_TRUE(w.write(pcm.data(), frames));
        all.insert(all.end(), pcm.begin(), pcm.end());
        ASSERT_TRUE(w.checkpoint(round % 5 == 0));
        const WavInfo info = readWav(path);
        ASSERT_TRUE(info.valid) << "round " << round;
        EXPECT_EQ(info.dataBytes, all.size() * 2) << "round " << round;
        EXPECT_EQ(info.fileBytes, 44 + all.size() * 2);
        EXPECT_EQ(info.samples, all);
    }
    EXPECT_EQ(w.frames(), all.size());
}

TEST(WavWriter, HeaderNeverClaimsDataThatIsNotThere) {
    TempDir dir;
    const std::string path = dir.path() + "/c.wav";
    audio::WavWriter w;
    ASSERT_TRUE(w.open(path, 2));
    const auto pcm = ramp(128, 2, 5);
    for (int i = 0; i < 300; ++i) {  // more than one internal buffer, no checkpoint
        ASSERT_TRUE(w.write(pcm.data(), 128));
        const WavInfo info = readWav(path);
        ASSERT_TRUE(info.valid);
        EXPECT_LE(44 + info.dataBytes, info.fileBytes);
    }
}

TEST(WavWriter, SilenceKeepsLaterAudioInPlace) {
    TempDir dir;
    const std::string path = dir.path() + "/d.wav";
    audio::WavWriter w;
    ASSERT_TRUE(w.open(path, 1));
    const auto pcm = ramp(4, 1, 1);
    ASSERT_TRUE(w.write(pcm.data(), 4));
    ASSERT_TRUE(w.writeSilence(3));
    ASSERT_TRUE(w.write(pcm.data(), 4));
    ASSERT_TRUE(w.close());
    EXPECT_EQ(readWav(path).samples, (std::vector<int16_t>{1, 2, 3, 4, 0, 0, 0, 1, 2, 3, 4}));
}

TEST(WavWriter, NeverOverwritesAndReportsWhy) {
    TempDir dir;
    const std::string path = dir.path() + "/e.wav";
    audio::WavWriter first;
    ASSERT_TRUE(first.open(path, 1));
    audio::WavWriter second;
    EXPECT_FALSE(second.open(path, 1));
    EXPECT_EQ(second.error(), EEXIST);
    audio::WavWriter third;
    EXPECT_FALSE(third.open(dir.path() + "/missing/x.wav", 1));
    EXPECT_EQ(third.error(), ENOENT);
    const int16_t s = 0;
    EXPECT_FALSE(third.write(&s, 1));
}

TEST(WavWriter, RepairsATruncatedFile) {
    TempDir dir;
    const std::string path = dir.path() + "/f.wav";
    {
        audio::WavWriter w;
        ASSERT_TRUE(w.open(path, 2));
        const auto pcm = ramp(1000, 2, 0);
        ASSERT_TRUE(w.write(pcm.data(), 1000));
        ASSERT_TRUE(w.close());
    }
    // Power lost: the tail (and half a sample frame) never reached the disk, yet the header
    // still claims all 1000 frames.
    std::filesystem::resize_file(path, 44 + 600 * 4 + 3);
    EXPECT_FALSE(readWav(path).valid);
    EXPECT_EQ(audio::repairWavHeader(path), 600);
    const WavInfo info = readWav(path);
    ASSERT_TRUE(info.valid);
    EXPECT_EQ(info.dataBytes, 600u * 4);
    EXPECT_EQ(info.samples, ramp(600, 2, 0));
}

TEST(WavWriter, RepairsAFileLongerThanItsLastCheckpoint) {
    TempDir dir;
    const std::string path = dir.path() + "/g.wav";
    audio::WavWriter w;
    ASSERT_TRUE(w.open(path, 1));
    const auto pcm = ramp(100000, 1, 0);  // beyond the buffer: most of it is in the file
    ASSERT_TRUE(w.write(pcm.data(), 100000));
    const WavInfo before = readWav(path);
    ASSERT_TRUE(before.valid);
    EXPECT_EQ(before.dataBytes, 0u);  // no checkpoint yet, as if killed now
    const int64_t frames = audio::repairWavHeader(path);
    EXPECT_GT(frames, 60000);
    EXPECT_EQ(readWav(path).samples, std::vector<int16_t>(pcm.begin(), pcm.begin() + frames));
}

TEST(WavWriter, RepairRefusesWhatIsNotAWav) {
    TempDir dir;
    const std::string path = dir.path() + "/h.wav";
    {
        std::ofstream out(path);
        out << "this is not a wav file, even though it is longer than a header";
    }
    EXPECT_EQ(audio::repairWavHeader(path), -1);
    EXPECT_EQ(audio::repairWavHeader(dir.path() + "/none.wav"), -1);
}

TEST(WavWriter, HeaderSizesStayWithin32Bits) {
    EXPECT_EQ(audio::wavDataBytesForHeader(1000, 2), 1000u);
    EXPECT_EQ(audio::wavDataBytesForHeader(1001, 2), 1000u);
    EXPECT_EQ(audio::wavDataBytesForHeader(uint64_t{1} << 33, 2), 0xFFFFFFFFu - 36 - 3);
    EXPECT_EQ(audio::wavDataBytesForHeader(uint64_t{1} << 33, 1), 0xFFFFFFFFu - 36 - 1);
}

}  // namespace
}  // namespace tutti::recorder::test
