#include "audio/opus_codec.h"

#include <cstring>

#include <opus_custom.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tutti::audio {
namespace {

void requireChannels(int channels) {
    if (channels != 1 && channels != 2) {
        throw std::invalid_argument("Opus: channels must be 1 or 2, got " +
                                    std::to_string(channels));
    }
}

OpusCustomMode* createMode(int frameSamples) {
    int error = OPUS_OK;
    OpusCustomMode* mode = opus_custom_mode_create(kSampleRate, frameSamples, &error);
    if (mode == nullptr) {
        throw std::runtime_error(
            "Opus: cannot create the " + std::to_string(frameSamples) +
            "-sample custom mode (libopus without custom modes?): " + opus_strerror(error));
    }
    return mode;
}

}  // namespace

OpusCustomModes::OpusCustomModes() : mode64_(createMode(kSmallFrameSamples)) {
    try {
        mode128_ = createMode(kNormalFrameSamples);
    } catch (...) {
        opus_custom_mode_destroy(mode64_);
        throw;
    }
}

OpusCustomModes::~OpusCustomModes() {
    opus_custom_mode_destroy(mode128_);
    opus_custom_mode_destroy(mode64_);
}

const OpusCustomMode* OpusCustomModes::mode(int frameSamples) const {
    if (frameSamples == kSmallFrameSamples) {
        return mode64_;
    }
    if (frameSamples == kNormalFrameSamples) {
        return mode128_;
    }
    throw std::invalid_argument("Opus: frame size must be 64 or 128 samples, got " +
                                std::to_string(frameSamples));
}

void OpusEncoder::Destroy::operator()(OpusCustomEncoder* encoder) const {
    opus_custom_encoder_destroy(encoder);
}

OpusEncoder::OpusEncoder(const OpusCustomModes& modes, int frameSamples, int channels,
                         EncoderTuning tuning)
    : frameSamples_(frameSamples),
      channels_(channels),
      complexity_(tuning.complexity < 0 ? defaultComplexity(frameSamples) : tuning.complexity),
      expectedLossPercent_(tuning.expectedLossPercent >= 0      ? tuning.expectedLossPercent
                           : frameSamples == kSmallFrameSamples ? kExpectedLossPercent64
                                                                : 0) {
    requireChannels(channels);
    if (!validComplexity(complexity_)) {
        throw std::invalid_argument("Opus: complexity must be 0..10, got " +
                                    std::to_string(complexity_));
    }
    if (expectedLossPercent_ > 100) {
        throw std::invalid_argument("Opus: expected loss must be 0..100 %, got " +
                                    std::to_string(expectedLossPercent_));
    }
    int error = OPUS_OK;
    // libopus only reads the mode, but its API takes a non-const pointer.
    auto* mode = const_cast<OpusCustomMode*>(modes.mode(frameSamples));
    encoder_.reset(opus_custom_encoder_create(mode, channels, &error));
    if (!encoder_) {
        throw std::runtime_error(std::string("Opus: cannot create encoder: ") +
                                 opus_strerror(error));
    }
    stateBytes_ = opus_custom_encoder_get_size(mode, channels);
}

void OpusEncoder::copyStateFrom(const OpusEncoder& other) {
    if (&other == this || other.frameSamples_ != frameSamples_ || other.channels_ != channels_) {
        return;
    }
    std::memcpy(encoder_.get(), other.encoder_.get(), static_cast<std::size_t>(stateBytes_));
    codedBytes_ = other.codedBytes_;
    complexity_ = other.complexity_;  // the copied block carries other's settings
    expectedLossPercent_ = other.expectedLossPercent_;
}

bool OpusEncoder::configure(int codedBytes) {
    if (codedBytes < 2 || codedBytes > kMaxCodedBytes) {
        return false;
    }
    OpusCustomEncoder* enc = encoder_.get();
    // The receiver checks datagram lengths exactly, so every frame must be the announced size.
    opus_custom_encoder_ctl(enc, OPUS_SET_VBR(0));
    // With VBR off the bit rate only caps the frame size; this is the rate that yields exactly
    // codedBytes per frame (bytes x 8 bits x frames per second).
    const auto bitRate = protocol::opusBitRate(
        protocol::opusCodecForFrameSamples(static_cast<std::size_t>(frameSamples_)),
        static_cast<std::size_t>(codedBytes));
    opus_custom_encoder_ctl(enc, OPUS_SET_BITRATE(static_cast<opus_int32>(bitRate)));
    // A server encodes one mix per listener per frame, so this decides most of its CPU.
    opus_custom_encoder_ctl(enc, OPUS_SET_COMPLEXITY(complexity_));
    // 64-sample streams run at twice the packet rate over the same networks; telling the
    // encoder to expect loss makes it spend bits on robustness, as clients expect.
    opus_custom_encoder_ctl(enc, OPUS_SET_PACKET_LOSS_PERC(expectedLossPercent_));
    codedBytes_ = codedBytes;
    return true;
}

void OpusEncoder::reset() {
    opus_custom_encoder_ctl(encoder_.get(), OPUS_RESET_STATE);
}

int OpusEncoder::encode(const int16_t* pcm, uint8_t* out, int codedBytes) {
    if (codedBytes != codedBytes_ && !configure(codedBytes)) {
        return OPUS_BAD_ARG;
    }
    return opus_custom_encode(encoder_.get(), pcm, frameSamples_, out, codedBytes);
}

void OpusDecoder::Destroy::operator()(OpusCustomDecoder* decoder) const {
    opus_custom_decoder_destroy(decoder);
}

OpusDecoder::OpusDecoder(const OpusCustomModes& modes, int frameSamples, int channels)
    : frameSamples_(frameSamples), channels_(channels) {
    requireChannels(channels);
    int error = OPUS_OK;
    auto* mode = const_cast<OpusCustomMode*>(modes.mode(frameSamples));
    decoder_.reset(opus_custom_decoder_create(mode, channels, &error));
    if (!decoder_) {
        throw std::runtime_error(std::string("Opus: cannot create decoder: ") +
                                 opus_strerror(error));
    }
}

void OpusDecoder::reset() {
    opus_custom_decoder_ctl(decoder_.get(), OPUS_RESET_STATE);
}

bool OpusDecoder::decode(const uint8_t* data, int bytes, int16_t* pcm) {
    // libopus treats a null or one-byte packet as "lost" and would conceal silently; the
    // caller should know it got no real audio.
    if (data == nullptr || bytes < 2 || bytes > kMaxCodedBytes) {
        return false;
    }
    return opus_custom_decode(decoder_.get(), data, bytes, pcm, frameSamples_) == frameSamples_;
}

void OpusDecoder::conceal(int16_t* pcm) {
    if (opus_custom_decode(decoder_.get(), nullptr, 0, pcm, frameSamples_) != frameSamples_) {
        // Concealment cannot fail for a valid decoder; silence keeps the contract regardless.
        std::fill_n(pcm, frameSamples_ * channels_, int16_t{0});
    }
}

}  // namespace tutti::audio
