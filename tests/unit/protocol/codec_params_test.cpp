#include "protocol/codec_params.h"

#include <gtest/gtest.h>

namespace tutti::protocol {
namespace {

TEST(CodecParams, FrameSamples) {
    static_assert(frameSamples(Codec::Opus) == 128);
    static_assert(frameSamples(Codec::Opus64) == 64);
    EXPECT_EQ(frameSamples(Codec::None), 0u);
    EXPECT_EQ(frameSamples(Codec::Celt), 0u);
}

TEST(CodecParams, OpusCodecForFrameSamples) {
    static_assert(opusCodecForFrameSamples(64) == Codec::Opus64);
    static_assert(opusCodecForFrameSamples(128) == Codec::Opus);
    EXPECT_EQ(opusCodecForFrameSamples(0), Codec::None);
    EXPECT_EQ(opusCodecForFrameSamples(256), Codec::None);
}

TEST(CodecParams, CodedBytesOfTheFrameBytesField) {
    static_assert(codedBytesOfField(frameBytesField(71, true), true) == 71);
    EXPECT_EQ(codedBytesOfField(45, false), 45);
    EXPECT_EQ(codedBytesOfField(46, true), 45);
    // A field too short for any frame stays visibly invalid instead of wrapping around.
    EXPECT_EQ(codedBytesOfField(0, true), -1);
    EXPECT_EQ(codedBytesOfField(0, false), 0);
}

TEST(CodecParams, CodedBytesTable) {
    static_assert(codedBytes(Codec::Opus, 1, Quality::Normal) == 45);
    EXPECT_EQ(codedBytes(Codec::Opus64, 1, Quality::Low), 12u);
    EXPECT_EQ(codedBytes(Codec::Opus64, 1, Quality::Normal), 22u);
    EXPECT_EQ(codedBytes(Codec::Opus64, 1, Quality::High), 36u);
    EXPECT_EQ(codedBytes(Codec::Opus64, 2, Quality::Low), 24u);
    EXPECT_EQ(codedBytes(Codec::Opus64, 2, Quality::Normal), 35u);
    EXPECT_EQ(codedBytes(Codec::Opus64, 2, Quality::High), 73u);
    EXPECT_EQ(codedBytes(Codec::Opus, 1, Quality::Low), 25u);
    EXPECT_EQ(codedBytes(Codec::Opus, 1, Quality::High), 82u);
    EXPECT_EQ(codedBytes(Codec::Opus, 2, Quality::Low), 47u);
    EXPECT_EQ(codedBytes(Codec::Opus, 2, Quality::Normal), 71u);
    EXPECT_EQ(codedBytes(Codec::Opus, 2, Quality::High), 165u);
    EXPECT_EQ(codedBytes(Codec::Opus64, 1, Quality::Raw), 128u);
    EXPECT_EQ(codedBytes(Codec::Opus64, 2, Quality::Raw), 256u);
    EXPECT_EQ(codedBytes(Codec::Opus, 1, Quality::Raw), 256u);
    EXPECT_EQ(codedBytes(Codec::Opus, 2, Quality::Raw), 512u);
    EXPECT_EQ(codedBytes(Codec::Opus, 3, Quality::Normal), 0u);
    EXPECT_EQ(codedBytes(Codec::Celt, 1, Quality::Normal), 0u);
}

TEST(CodecParams, DatagramLengthsOfSection82) {
    // 256-sample client: OPUS, block factor 2, mono low with sequence numbers = 52 bytes.
    EXPECT_EQ(
        audioDatagramBytes(frameBytesField(codedBytes(Codec::Opus, 1, Quality::Low), true), 2),
        52u);
    EXPECT_EQ(
        audioDatagramBytes(frameBytesField(codedBytes(Codec::Opus, 2, Quality::High), true), 2),
        332u);
    EXPECT_EQ(
        audioDatagramBytes(frameBytesField(codedBytes(Codec::Opus64, 2, Quality::High), true), 1),
        74u);
}

TEST(CodecParams, RawSizeAndBitRate) {
    EXPECT_TRUE(isRawAudioSize(Codec::Opus, 2, 512));
    EXPECT_FALSE(isRawAudioSize(Codec::Opus, 2, 165));
    EXPECT_EQ(opusBitRate(Codec::Opus, 45), 135000u);
    EXPECT_EQ(opusBitRate(Codec::Opus64, 12), 72000u);
}

}  // namespace
}  // namespace tutti::protocol
