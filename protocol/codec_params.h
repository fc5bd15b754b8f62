#pragma once

#include <cstddef>
#include <cstdint>

// Audio stream parameters a client announces in NETW_TRANSPORT_PROPS (PROTOCOL.md 8).
namespace tutti::protocol {

inline constexpr std::uint32_t kSampleRate = 48000;

// Wire values of the codec field.
enum class Codec : std::uint16_t { None = 0, Celt = 1, Opus = 2, Opus64 = 3 };

// The client's quality setting; Raw is the [4.0] uncompressed mode.
enum class Quality { Low, Normal, High, Raw };

// Samples per channel in one coded frame (0 for codecs we do not carry).
constexpr std::size_t frameSamples(Codec codec) {
    switch (codec) {
        case Codec::Opus:
            return 128;
        case Codec::Opus64:
            return 64;
        default:
            return 0;
    }
}

// The Opus codec whose frames hold `samples` samples per channel; None for any other size.
constexpr Codec opusCodecForFrameSamples(std::size_t samples) {
    return samples == frameSamples(Codec::Opus64) ? Codec::Opus64
           : samples == frameSamples(Codec::Opus) ? Codec::Opus
                                                  : Codec::None;
}

// Coded bytes per frame, without the optional sequence byte (PROTOCOL.md 8.2 table).
// Returns 0 for combinations that do not exist (codec none/CELT, channels other than 1 or 2).
constexpr std::size_t codedBytes(Codec codec, int channels, Quality quality) {
    if (channels != 1 && channels != 2) {
        return 0;
    }
    const bool stereo = channels == 2;
    if (quality == Quality::Raw) {
        // 16-bit samples for every channel.
        return 2 * frameSamples(codec) * static_cast<std::size_t>(channels);
    }
    constexpr std::size_t opus64[2][3] = {{12, 22, 36}, {24, 35, 73}};
    constexpr std::size_t opus128[2][3] = {{25, 45, 82}, {47, 71, 165}};
    const int q = static_cast<int>(quality);
    switch (codec) {
        case Codec::Opus64:
            return opus64[stereo][q];
        case Codec::Opus:
            return opus128[stereo][q];
        default:
            return 0;
    }
}

// The "frame bytes" field of NETW_TRANSPORT_PROPS: coded bytes plus one with sequence numbers.
constexpr std::size_t frameBytesField(std::size_t coded, bool sequenceNumbers) {
    return coded + (sequenceNumbers ? 1 : 0);
}

// The coded bytes a "frame bytes" field announces: the field less the sequence byte. Signed,
// because a field of 0 with sequence numbers announces no frame at all (-1).
constexpr long codedBytesOfField(std::uint32_t frameBytes, bool sequenceNumbers) {
    return static_cast<long>(frameBytes) - (sequenceNumbers ? 1 : 0);
}

// Length of one audio datagram: `blockFactor` frames, each with its optional sequence byte.
constexpr std::size_t audioDatagramBytes(std::size_t frameBytesWithSeq, int blockFactor) {
    return frameBytesWithSeq * static_cast<std::size_t>(blockFactor);
}

// A [4.0] server recognises uncompressed audio purely by its coded size.
constexpr bool isRawAudioSize(Codec codec, int channels, std::size_t coded) {
    return frameSamples(codec) != 0 && coded == codedBytes(codec, channels, Quality::Raw);
}

// Bit rate of a constant-bit-rate Opus stream.
constexpr std::size_t opusBitRate(Codec codec, std::size_t coded) {
    const std::size_t samples = frameSamples(codec);
    return samples == 0 ? 0 : kSampleRate * coded * 8 / samples;
}

}  // namespace tutti::protocol
