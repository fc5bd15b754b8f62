#include "audio/audio_frame.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace tutti::audio {
namespace {

TEST(AudioFrame, LayoutSizesMatchTheProtocolTable) {
    // PROTOCOL 8.2: 256-sample buffer, mono normal, with sequence numbers = 2 x (45 + 1).
    EXPECT_EQ((AudioFrameLayout{45, 2, true}.datagramBytes()), 92);
    EXPECT_EQ((AudioFrameLayout{45, 2, false}.datagramBytes()), 90);
    EXPECT_EQ((AudioFrameLayout{165, 1, true}.frameBytes()), 166);
}

TEST(AudioFrame, SplitsFramesWithSequenceNumbers) {
    const AudioFrameLayout layout{3, 2, true};
    const std::vector<uint8_t> datagram = {1, 2, 3, 200, 4, 5, 6, 201};
    std::array<AudioFrameView, kMaxBlockFactor> frames;
    ASSERT_EQ(splitAudioDatagram(datagram, layout, frames), 2);
    EXPECT_EQ(std::vector<uint8_t>(frames[0].coded.begin(), frames[0].coded.end()),
              (std::vector<uint8_t>{1, 2, 3}));
    EXPECT_EQ(frames[0].sequence, 200);
    EXPECT_EQ(std::vector<uint8_t>(frames[1].coded.begin(), frames[1].coded.end()),
              (std::vector<uint8_t>{4, 5, 6}));
    EXPECT_EQ(frames[1].sequence, 201);
}

TEST(AudioFrame, SplitsFramesWithoutSequenceNumbers) {
    const AudioFrameLayout layout{2, 4, false};
    const std::vector<uint8_t> datagram = {1, 2, 3, 4, 5, 6, 7, 8};
    std::array<AudioFrameView, kMaxBlockFactor> frames;
    ASSERT_EQ(splitAudioDatagram(datagram, layout, frames), 4);
    EXPECT_EQ(frames[3].coded[0], 7);
    EXPECT_EQ(frames[3].coded.size(), 2u);
    EXPECT_FALSE(frames[3].sequence.has_value());
}

TEST(AudioFrame, RejectsWrongLengthsAndLayouts) {
    std::array<AudioFrameView, kMaxBlockFactor> frames;
    const std::vector<uint8_t> datagram(10);
    // The reset state of a channel expects something else than any real client sends.
    EXPECT_EQ(splitAudioDatagram(datagram, {3, 2, true}, frames), 0);
    EXPECT_EQ(splitAudioDatagram(datagram, {10, 1, true}, frames), 0);
    EXPECT_EQ(splitAudioDatagram(datagram, {2, 5, false}, frames), 0);
    EXPECT_EQ(splitAudioDatagram(datagram, {0, 1, false}, frames), 0);
    std::array<AudioFrameView, 1> tooFew;
    EXPECT_EQ(splitAudioDatagram(datagram, {5, 2, false}, tooFew), 0);
    EXPECT_EQ(splitAudioDatagram(datagram, {5, 2, false}, frames), 2);
}

TEST(AudioFrame, AssemblesSlotsAndSequenceNumbersThatWrap) {
    const AudioFrameLayout layout{2, 4, true};
    std::vector<uint8_t> datagram(static_cast<std::size_t>(layout.datagramBytes()), 0);
    for (int i = 0; i < 4; ++i) {
        auto slot = codedFrameSlot(datagram, layout, i);
        ASSERT_EQ(slot.size(), 2u);
        slot[0] = static_cast<uint8_t>(10 * i);
        slot[1] = static_cast<uint8_t>(10 * i + 1);
    }
    EXPECT_EQ(stampSequenceNumbers(datagram, layout, 254), 2);
    EXPECT_EQ(datagram, (std::vector<uint8_t>{0, 1, 254, 10, 11, 255, 20, 21, 0, 30, 31, 1}));

    // What we assemble, we read back.
    std::array<AudioFrameView, kMaxBlockFactor> frames;
    ASSERT_EQ(splitAudioDatagram(datagram, layout, frames), 4);
    EXPECT_EQ(frames[2].sequence, 0);
    EXPECT_EQ(frames[2].coded[1], 21);

    EXPECT_TRUE(codedFrameSlot(datagram, layout, 4).empty());
    EXPECT_TRUE(codedFrameSlot(std::span(datagram).first(11), layout, 0).empty());
}

TEST(AudioFrame, StampingWithoutSequenceNumbersChangesNothing) {
    const AudioFrameLayout layout{2, 2, false};
    std::vector<uint8_t> datagram = {1, 2, 3, 4};
    EXPECT_EQ(stampSequenceNumbers(datagram, layout, 7), 7);
    EXPECT_EQ(datagram, (std::vector<uint8_t>{1, 2, 3, 4}));
}

}  // namespace
}  // namespace tutti::audio
