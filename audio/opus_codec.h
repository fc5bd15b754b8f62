#pragma once

// RAII wrappers over the Opus custom-mode (CELT) encoder and decoder that Jamulus clients use:
// 48 kHz, 64- or 128-sample frames, mono or stereo, constant bit rate.
//
// Construction allocates and may throw; every other member function is real-time safe (no
// allocation, locks, I/O or logging), so the mix thread may call them every tick.

#include <cstdint>
#include <memory>

#include "protocol/codec_params.h"

// libopus' opaque types, declared here so users of this header need not see opus_custom.h.
struct OpusCustomMode;
struct OpusCustomEncoder;
struct OpusCustomDecoder;

namespace tutti::audio {

inline constexpr int kSampleRate = static_cast<int>(protocol::kSampleRate);
inline constexpr int kSmallFrameSamples =
    static_cast<int>(protocol::frameSamples(protocol::Codec::Opus64));
inline constexpr int kNormalFrameSamples =
    static_cast<int>(protocol::frameSamples(protocol::Codec::Opus));
// A CELT frame cannot be longer than this; it bounds every coded-byte count we accept.
inline constexpr int kMaxCodedBytes = 1275;

// The two custom modes, shared by all encoders and decoders. A mode is read-only after
// creation and must outlive every codec made from it, so create one instance at start-up.
class OpusCustomModes {
  public:
    OpusCustomModes();  // throws std::runtime_error if libopus lacks custom modes
    ~OpusCustomModes();
    OpusCustomModes(const OpusCustomModes&) = delete;
    OpusCustomModes& operator=(const OpusCustomModes&) = delete;

    // frameSamples must be 64 or 128 (throws std::invalid_argument otherwise).
    const OpusCustomMode* mode(int frameSamples) const;

  private:
    OpusCustomMode* mode64_ = nullptr;
    OpusCustomMode* mode128_ = nullptr;
};

// Opus' complexity knob (0..10): how hard the CELT encoder searches for the best coding of a
// frame. Lower is cheaper per encode; at Jamulus' constant bit rates it changes quality little
// (tools/codec_quality measures both; README "Encoder complexity" says why these values).
inline constexpr int kMinComplexity = 0;
inline constexpr int kMaxComplexity = 10;
// What listener encoders use. Jamulus 3.9.1 (client and server alike) sets 1 for 128-sample
// frames and leaves 64-sample frames at libopus' default, 5. But 5 differs from 4 only by the
// pitch pre-filter, and with the 35 % expected loss of 64-sample streams libopus forces that
// filter's gain to zero: 4 codes bit for bit what 5 does, at about half the cost.
inline constexpr int kDefaultComplexity128 = 1;
inline constexpr int kDefaultComplexity64 = 4;
// 64-sample frames are sent with this expected loss (as Jamulus does): it makes the encoder
// lean less on the previous frame (band energies coded more independently, no pitch
// pre-filter), so a lost packet hurts less.
inline constexpr int kExpectedLossPercent64 = 35;

constexpr int defaultComplexity(int frameSamples) {
    return frameSamples == kSmallFrameSamples ? kDefaultComplexity64 : kDefaultComplexity128;
}
constexpr bool validComplexity(int complexity) {
    return complexity >= kMinComplexity && complexity <= kMaxComplexity;
}

// Encoder settings chosen once, when the encoder is made; -1 means the frame size's default.
struct EncoderTuning {
    int complexity = -1;           // 0..10; default defaultComplexity(frameSamples)
    int expectedLossPercent = -1;  // 0..100; default 35 for 64-sample frames, else 0
};

class OpusEncoder {
  public:
    // frameSamples 64|128, channels 1|2, tuning values in range; throws std::invalid_argument /
    // std::runtime_error.
    OpusEncoder(const OpusCustomModes& modes, int frameSamples, int channels,
                EncoderTuning tuning = {});

    // Sets CBR at exactly codedBytes per frame (2..kMaxCodedBytes) and the encoder's tuning.
    // Returns false (and changes nothing) for an invalid count.
    bool configure(int codedBytes);
    // Forgets the signal history, e.g. when a channel is reused for a new client.
    void reset();
    // Encodes one frame of frameSamples() interleaved samples into exactly codedBytes bytes.
    // Reconfigures first if codedBytes differs from the configured count. Returns the number
    // of bytes written (== codedBytes), or a negative libopus error code.
    int encode(const int16_t* pcm, uint8_t* out, int codedBytes);
    // Makes this encoder continue exactly where `other` (same frame size and channels) is: a
    // client that was receiving other's stream can then be served by this encoder without its
    // decoder noticing. No allocation: the encoder state is one flat block.
    void copyStateFrom(const OpusEncoder& other);

    int frameSamples() const { return frameSamples_; }
    int channels() const { return channels_; }
    int codedBytes() const { return codedBytes_; }
    // libopus' custom encoder has no getter for these, so the wrapper remembers what it set.
    int complexity() const { return complexity_; }
    int expectedLossPercent() const { return expectedLossPercent_; }

  private:
    struct Destroy {
        void operator()(OpusCustomEncoder* encoder) const;
    };
    int stateBytes_ = 0;
    std::unique_ptr<OpusCustomEncoder, Destroy> encoder_;
    int frameSamples_;
    int channels_;
    int codedBytes_ = 0;
    int complexity_;
    int expectedLossPercent_;
};

class OpusDecoder {
  public:
    // frameSamples 64|128, channels 1|2; throws std::invalid_argument / std::runtime_error.
    OpusDecoder(const OpusCustomModes& modes, int frameSamples, int channels);

    void reset();
    // Decodes one coded frame into frameSamples() interleaved samples. Returns false when the
    // data cannot be decoded (pcm is then unspecified; the caller may conceal instead).
    bool decode(const uint8_t* data, int bytes, int16_t* pcm);
    // Packet-loss concealment: synthesises one frame continuing the previous signal.
    void conceal(int16_t* pcm);

    int frameSamples() const { return frameSamples_; }
    int channels() const { return channels_; }

  private:
    struct Destroy {
        void operator()(OpusCustomDecoder* decoder) const;
    };
    std::unique_ptr<OpusCustomDecoder, Destroy> decoder_;
    int frameSamples_;
    int channels_;
};

}  // namespace tutti::audio
