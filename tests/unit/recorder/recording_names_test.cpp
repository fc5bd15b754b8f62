// File, folder and track names exactly as the Jamulus recorder makes them (RECORDING.md 4, 5.1).
#include "src/recorder/recording_names.h"

#include <gtest/gtest.h>

namespace tutti::recorder {
namespace {

TEST(RecordingNames, TransliteratesLikeJamulus) {
    // Observed with the 3.9.1 server.
    EXPECT_EQ(recordingName("Alice Ä."), "Alice_A_");
    EXPECT_EQ(recordingName("Carol/Ünïcode na"), "Carol_Unicode_na");
    EXPECT_EQ(recordingName("Bob"), "Bob_");
    EXPECT_EQ(recordingName(""), "____");
    EXPECT_EQ(transliterate("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß"),
              "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYPS");
    EXPECT_EQ(transliterate("àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"),
              "aaaaaaaceeeeiiiidnooooo_ouuuuypy");
    EXPECT_EQ(transliterate("²³¹µ"), "231u");
    EXPECT_EQ(transliterate("a b-c.d:e[f]g?h"), "a_b_c_d_e_f_g_h");
    // Outside Latin-1 (each code point one '_'), and malformed UTF-8.
    EXPECT_EQ(transliterate("x€y日z😀"), "x_y_z_");
    EXPECT_EQ(transliterate(std::string("a\xff") + "b"), "a_b");
}

TEST(RecordingNames, AddressesHideTheLastPartUnlessLoopback) {
    EXPECT_EQ(recordingAddress("192.168.1.77", 22134), "192_168_1_x_22134");
    EXPECT_EQ(recordingAddress("127.0.0.1", 22783), "127_0_0_1_22783");
    EXPECT_EQ(recordingAddress("::1", 22784), "___1__22784");
    EXPECT_EQ(recordingAddress("2001:db8::17", 22134), "_2001_db8__x__22134");
}

TEST(RecordingNames, WavFileNames) {
    EXPECT_EQ(wavFileName("____", "127_0_0_1_22783", 0, 1), "____-127_0_0_1_22783-0-1.wav");
    EXPECT_EQ(wavFileName("Stereo_Sam", "127_0_0_1_22783", 1, 2),
              "Stereo_Sam-127_0_0_1_22783-1-2.wav");
    EXPECT_EQ(wavFileName("Bob_", "127_0_0_1_22784", 5870, 1, 2),
              "Bob_-127_0_0_1_22784-5870-1_2.wav");
    EXPECT_EQ(trackName("Alice_A_", "127_0_0_1_22783"), "Alice_A_-127_0_0_1_22783");
}

TEST(RecordingNames, SessionFolderIsUtcWithMilliseconds) {
    // 2026-11-21 20:49:20.434 UTC
    const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795294160434));
    EXPECT_EQ(sessionFolderName(t), "Jam-20261121-204920434");
    EXPECT_EQ(sessionFolderName(std::chrono::system_clock::time_point(std::chrono::seconds(5))),
              "Jam-19700101-000005000");
}

TEST(RecordingNames, SecondsHaveFourteenDecimals) {
    // Values from the real 3.9.1 project files.
    EXPECT_EQ(frameSeconds(0, 128), "0.00000000000000");
    EXPECT_EQ(frameSeconds(1, 128), "0.00266666666667");
    EXPECT_EQ(frameSeconds(5870, 128), "15.65333333333333");
    EXPECT_EQ(frameSeconds(9502, 128), "25.33866666666666");
    EXPECT_EQ(frameSeconds(3248, 128), "8.66133333333333");
    EXPECT_EQ(frameSeconds(3012, 64), "4.01600000000000");
}

}  // namespace
}  // namespace tutti::recorder
