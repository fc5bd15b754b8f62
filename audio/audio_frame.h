#pragma once

// Layout of an audio datagram (PROTOCOL 8.4): `blockFactor` frames back to back, each the coded
// bytes followed, when sequence numbers are on, by one sequence byte. These helpers only view
// or write caller-owned memory, so they are safe on the real-time path.

#include <cstdint>
#include <optional>
#include <span>

#include "protocol/codec_params.h"

namespace tutti::audio {

struct AudioFrameLayout {
    int codedBytes = 0;   // bytes of one coded frame, without the sequence byte
    int blockFactor = 1;  // frames per datagram: 1, 2 or 4
    bool sequenceNumbers = false;

    // What NETW_TRANSPORT_PROPS calls "frame bytes": the sequence byte is included.
    constexpr int frameBytes() const {
        return static_cast<int>(
            protocol::frameBytesField(static_cast<std::size_t>(codedBytes), sequenceNumbers));
    }
    constexpr int datagramBytes() const {
        return static_cast<int>(
            protocol::audioDatagramBytes(static_cast<std::size_t>(frameBytes()), blockFactor));
    }
};

// One frame of a received datagram; `coded` points into the datagram.
struct AudioFrameView {
    std::span<const uint8_t> coded;
    std::optional<uint8_t> sequence;
};

inline constexpr int kMaxBlockFactor = 4;

// Splits a received datagram into its frames. Returns the number of frames written to `frames`
// (the block factor), or 0 when the datagram length does not match the layout (such datagrams
// are discarded, PROTOCOL 8.3), the layout is invalid, or `frames` is too small.
int splitAudioDatagram(std::span<const uint8_t> datagram, const AudioFrameLayout& layout,
                       std::span<AudioFrameView> frames);

// Where the encoder should write the coded bytes of frame `index` of an outgoing datagram.
// Returns an empty span when `datagram` is too small for the layout or the index is out of range.
std::span<uint8_t> codedFrameSlot(std::span<uint8_t> datagram, const AudioFrameLayout& layout,
                                  int index);

// Writes the sequence bytes of all frames of an outgoing datagram, counting up from
// `firstSequence` (one per frame, wrapping 255 -> 0), and returns the number for the next
// datagram. Does nothing (returns firstSequence) without sequence numbers or if too small.
uint8_t stampSequenceNumbers(std::span<uint8_t> datagram, const AudioFrameLayout& layout,
                             uint8_t firstSequence);

}  // namespace tutti::audio
