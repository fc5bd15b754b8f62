#include "audio/opus_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "tone.h"

namespace tutti::audio {
namespace {

constexpr double kToneHz = 1000.0;
constexpr double kLeftAmplitude = 8000.0;
constexpr double kRightAmplitude = 4000.0;  // differs from left so swapped channels would show

const OpusCustomModes& modes() {
    static const OpusCustomModes instance;
    return instance;
}

// One frame of the test tone starting at absolute sample `start`; `sameOnBothSides` makes the
// right channel a copy of the left, as a mono-in/stereo-out client sends.
std::vector<int16_t> toneFrame(int frameSamples, int channels, int64_t start,
                               bool sameOnBothSides = false) {
    std::vector<int16_t> pcm(static_cast<std::size_t>(frameSamples * channels));
    for (int i = 0; i < frameSamples; ++i) {
        for (int c = 0; c < channels; ++c) {
            const double amplitude = c == 0 || sameOnBothSides ? kLeftAmplitude : kRightAmplitude;
            pcm[static_cast<std::size_t>(i * channels + c)] =
                test::sineSample(kToneHz, amplitude, start + i);
        }
    }
    return pcm;
}

enum class ClientChannels { Mono, MonoInStereoOut, Stereo };

// One of the 18 client settings of PROTOCOL 8.2: sound-card buffer x channels x quality.
struct Combination {
    int clientBuffer;  // 64, 128 or 256 samples
    ClientChannels channelMode;
    int codedBytes;

    int frameSamples() const { return clientBuffer == 64 ? 64 : 128; }
    int blockFactor() const { return clientBuffer == 256 ? 2 : 1; }
    int channels() const { return channelMode == ClientChannels::Mono ? 1 : 2; }
};

std::string name(const testing::TestParamInfo<Combination>& info) {
    const Combination& c = info.param;
    const char* mode = c.channelMode == ClientChannels::Mono              ? "mono"
                       : c.channelMode == ClientChannels::MonoInStereoOut ? "monoInStereoOut"
                                                                          : "stereo";
    return "buffer" + std::to_string(c.clientBuffer) + "_" + mode + "_" +
           std::to_string(c.codedBytes) + "bytes";
}

std::vector<Combination> allClientSettings() {
    // Coded bytes for low / normal / high quality (PROTOCOL 8.2).
    const int mono64[] = {12, 22, 36};
    const int stereo64[] = {24, 35, 73};
    const int mono128[] = {25, 45, 82};
    const int stereo128[] = {47, 71, 165};
    std::vector<Combination> all;
    for (int buffer : {64, 128, 256}) {
        for (auto mode :
             {ClientChannels::Mono, ClientChannels::MonoInStereoOut, ClientChannels::Stereo}) {
            const bool mono = mode == ClientChannels::Mono;
            const int* bytes =
                buffer == 64 ? (mono ? mono64 : stereo64) : (mono ? mono128 : stereo128);
            for (int quality = 0; quality < 3; ++quality) {
                all.push_back({buffer, mode, bytes[quality]});
            }
        }
    }
    return all;
}

class OpusRoundTrip : public testing::TestWithParam<Combination> {};

TEST_P(OpusRoundTrip, EncodesExactByteCountAndTheToneComesBack) {
    const Combination c = GetParam();
    const int frameSamples = c.frameSamples();
    const int channels = c.channels();
    const bool sameOnBothSides = c.channelMode == ClientChannels::MonoInStereoOut;
    OpusEncoder encoder(modes(), frameSamples, channels);
    OpusDecoder decoder(modes(), frameSamples, channels);
    ASSERT_TRUE(encoder.configure(c.codedBytes));

    // 0.2 s of audio; the first 0.1 s lets the codec settle, the last 0.1 s (100 periods of
    // the tone, an exact DFT bin) is measured. Frames go into datagrams of the client's block
    // factor, back to back, with guard bytes behind the datagram.
    const int datagrams = 2 * 4800 / (frameSamples * c.blockFactor());
    std::vector<int16_t> decoded;
    std::vector<uint8_t> datagram(static_cast<std::size_t>(c.codedBytes * c.blockFactor()) + 16);
    std::vector<int16_t> pcm(static_cast<std::size_t>(frameSamples * channels));
    int64_t sample = 0;
    for (int d = 0; d < datagrams; ++d) {
        std::fill(datagram.begin(), datagram.end(), uint8_t{0xA5});
        for (int block = 0; block < c.blockFactor(); ++block) {
            const auto input = toneFrame(frameSamples, channels, sample, sameOnBothSides);
            sample += frameSamples;
            uint8_t* out = datagram.data() + block * c.codedBytes;
            ASSERT_EQ(encoder.encode(input.data(), out, c.codedBytes), c.codedBytes);
        }
        // Nothing may be written past the last frame.
        for (std::size_t i = static_cast<std::size_t>(c.codedBytes * c.blockFactor());
             i < datagram.size(); ++i) {
            ASSERT_EQ(datagram[i], 0xA5) << "datagram " << d << " wrote byte " << i;
        }
        for (int block = 0; block < c.blockFactor(); ++block) {
            ASSERT_TRUE(
                decoder.decode(datagram.data() + block * c.codedBytes, c.codedBytes, pcm.data()));
            if (d >= datagrams / 2) {
                decoded.insert(decoded.end(), pcm.begin(), pcm.end());
            }
        }
    }

    for (int ch = 0; ch < channels; ++ch) {
        const double expected = ch == 0 || sameOnBothSides ? kLeftAmplitude : kRightAmplitude;
        const double amplitude = test::toneAmplitude(decoded, channels, ch, kToneHz);
        EXPECT_NEAR(amplitude, expected, 0.2 * expected) << "channel " << ch;
        // The tone must dominate what comes back, not merely be present in noise.
        EXPECT_GT(amplitude / std::sqrt(2.0), 0.9 * test::rms(decoded, channels, ch))
            << "channel " << ch;
    }
}

INSTANTIATE_TEST_SUITE_P(AllClientSettings, OpusRoundTrip, testing::ValuesIn(allClientSettings()),
                         name);

TEST(OpusRoundTrip, BlockFactorsAreFramesBackToBack) {
    // A datagram of block factor 2 or 4 is just consecutive frames; each decodes on its own.
    OpusEncoder encoder(modes(), 128, 2);
    OpusDecoder decoder(modes(), 128, 2);
    ASSERT_TRUE(encoder.configure(71));
    std::vector<uint8_t> datagram(4 * 71);
    for (int block = 0; block < 4; ++block) {
        const auto input = toneFrame(128, 2, block * 128);
        ASSERT_EQ(encoder.encode(input.data(), datagram.data() + block * 71, 71), 71);
    }
    std::vector<int16_t> pcm(256);
    for (int block = 0; block < 4; ++block) {
        EXPECT_TRUE(decoder.decode(datagram.data() + block * 71, 71, pcm.data()));
    }
}

// Encodes `frames` frames of the tone and returns the decoder's output of the last one.
std::vector<int16_t> feedTone(OpusEncoder& encoder, OpusDecoder& decoder, int frames) {
    std::vector<uint8_t> packet(static_cast<std::size_t>(encoder.codedBytes()));
    std::vector<int16_t> pcm(static_cast<std::size_t>(encoder.frameSamples() * encoder.channels()));
    for (int f = 0; f < frames; ++f) {
        const auto input = toneFrame(encoder.frameSamples(), encoder.channels(),
                                     int64_t{f} * encoder.frameSamples());
        EXPECT_EQ(encoder.encode(input.data(), packet.data(), encoder.codedBytes()),
                  encoder.codedBytes());
        EXPECT_TRUE(decoder.decode(packet.data(), encoder.codedBytes(), pcm.data()));
    }
    return pcm;
}

TEST(OpusDecoder, DecodesThe128SampleModeWithoutAborting) {
    // Debian bookworm's libopus aborts right here ("st->end <= 21"); ours must not.
    for (int channels = 1; channels <= 2; ++channels) {
        OpusEncoder encoder(modes(), 128, channels);
        OpusDecoder decoder(modes(), 128, channels);
        ASSERT_TRUE(encoder.configure(channels == 1 ? 45 : 71));
        const auto last = feedTone(encoder, decoder, 10);
        EXPECT_GT(test::rms(last, channels, 0), 1000.0);
    }
}

TEST(OpusDecoder, ConcealmentContinuesTheSignalAndThenFades) {
    for (int frameSamples : {64, 128}) {
        OpusEncoder encoder(modes(), frameSamples, 1);
        OpusDecoder decoder(modes(), frameSamples, 1);
        ASSERT_TRUE(encoder.configure(frameSamples == 64 ? 22 : 45));
        feedTone(encoder, decoder, 50);

        std::vector<int16_t> concealed(static_cast<std::size_t>(frameSamples), int16_t{0});
        decoder.conceal(concealed.data());
        const double firstRms = test::rms(concealed, 1, 0);
        EXPECT_GT(firstRms, 1000.0) << frameSamples << "-sample concealment produced no audio";
        for (int i = 0; i < 200; ++i) {
            decoder.conceal(concealed.data());
        }
        EXPECT_LT(test::rms(concealed, 1, 0), 0.5 * firstRms) << "concealment does not fade";
    }
}

TEST(OpusDecoder, RejectsMissingOrTooShortData) {
    OpusDecoder decoder(modes(), 64, 1);
    std::vector<int16_t> pcm(64);
    const uint8_t oneByte[] = {0};
    EXPECT_FALSE(decoder.decode(nullptr, 12, pcm.data()));
    EXPECT_FALSE(decoder.decode(oneByte, 1, pcm.data()));
}

TEST(OpusCodec, ResetMakesTheCodecBehaveLikeANewOne) {
    OpusEncoder encoder(modes(), 128, 2);
    ASSERT_TRUE(encoder.configure(71));
    auto encodeRun = [&] {
        std::vector<uint8_t> bytes(8 * 71);
        for (int f = 0; f < 8; ++f) {
            const auto input = toneFrame(128, 2, f * 128);
            EXPECT_EQ(encoder.encode(input.data(), bytes.data() + f * 71, 71), 71);
        }
        return bytes;
    };
    const auto first = encodeRun();
    const auto continued = encodeRun();  // same input, but the encoder remembers the past
    encoder.reset();
    const auto afterReset = encodeRun();
    EXPECT_NE(first, continued);
    EXPECT_EQ(first, afterReset);

    OpusDecoder decoder(modes(), 128, 2);
    auto decodeRun = [&] {
        std::vector<int16_t> out(8 * 256);
        for (int f = 0; f < 8; ++f) {
            EXPECT_TRUE(decoder.decode(first.data() + f * 71, 71, out.data() + f * 256));
        }
        return out;
    };
    const auto decoded = decodeRun();
    const auto decodedAgain = decodeRun();
    decoder.reset();
    const auto decodedAfterReset = decodeRun();
    EXPECT_NE(decoded, decodedAgain);
    EXPECT_EQ(decoded, decodedAfterReset);
}

TEST(OpusEncoder, EncodeWithAnotherByteCountReconfigures) {
    OpusEncoder encoder(modes(), 128, 1);
    ASSERT_TRUE(encoder.configure(25));
    std::vector<uint8_t> packet(82);
    const auto input = toneFrame(128, 1, 0);
    EXPECT_EQ(encoder.encode(input.data(), packet.data(), 82), 82);
    EXPECT_EQ(encoder.codedBytes(), 82);
    EXPECT_LT(encoder.encode(input.data(), packet.data(), 1), 0);
    EXPECT_FALSE(encoder.configure(kMaxCodedBytes + 1));
}

TEST(OpusEncoder, CopiedStateContinuesTheSameStreamByteForByte) {
    OpusCustomModes modes;
    OpusEncoder a(modes, 128, 2);
    OpusEncoder b(modes, 128, 2);
    OpusEncoder c(modes, 128, 2);
    for (OpusEncoder* e : {&a, &b, &c}) {
        e->configure(71);
    }
    std::vector<int16_t> pcm(256);
    std::vector<uint8_t> outA(71), outB(71), outC(71);
    int64_t t = 0;
    auto nextFrame = [&](double hz) {
        for (int i = 0; i < 128; ++i, ++t) {
            pcm[2 * i] = pcm[2 * i + 1] = test::sineSample(hz, 9000.0, t);
        }
    };
    for (int f = 0; f < 50; ++f) {  // a has a history, b and c have none
        nextFrame(440.0);
        a.encode(pcm.data(), outA.data(), 71);
    }
    b.copyStateFrom(a);
    int sameAsCopy = 0;
    int sameAsFresh = 0;
    for (int f = 0; f < 3; ++f) {
        nextFrame(660.0);
        a.encode(pcm.data(), outA.data(), 71);
        b.encode(pcm.data(), outB.data(), 71);
        c.encode(pcm.data(), outC.data(), 71);
        sameAsCopy += outA == outB;
        sameAsFresh += outA == outC;
    }
    EXPECT_EQ(sameAsCopy, 3);   // the copy is indistinguishable from the original
    EXPECT_LT(sameAsFresh, 3);  // a fresh encoder is not (so the copy did something)
}

TEST(OpusCodec, InvalidFormatsThrow) {
    EXPECT_THROW(OpusEncoder(modes(), 96, 1), std::invalid_argument);
    EXPECT_THROW(OpusEncoder(modes(), 128, 3), std::invalid_argument);
    EXPECT_THROW(OpusDecoder(modes(), 256, 1), std::invalid_argument);
    EXPECT_THROW(OpusDecoder(modes(), 64, 0), std::invalid_argument);
}

TEST(OpusCodec, MovedCodecsKeepWorking) {
    OpusEncoder original(modes(), 64, 2);
    OpusDecoder originalDecoder(modes(), 64, 2);
    ASSERT_TRUE(original.configure(35));
    OpusEncoder encoder = std::move(original);
    OpusDecoder decoder = std::move(originalDecoder);
    const auto last = feedTone(encoder, decoder, 20);
    EXPECT_GT(test::rms(last, 2, 0), 1000.0);
}

}  // namespace
}  // namespace tutti::audio
