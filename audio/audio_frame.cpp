#include "audio/audio_frame.h"

#include <cstddef>

namespace tutti::audio {
namespace {

bool layoutIsValid(const AudioFrameLayout& layout) {
    return layout.codedBytes > 0 && layout.blockFactor >= 1 &&
           layout.blockFactor <= kMaxBlockFactor;
}

}  // namespace

int splitAudioDatagram(std::span<const uint8_t> datagram, const AudioFrameLayout& layout,
                       std::span<AudioFrameView> frames) {
    if (!layoutIsValid(layout) ||
        datagram.size() != static_cast<std::size_t>(layout.datagramBytes()) ||
        frames.size() < static_cast<std::size_t>(layout.blockFactor)) {
        return 0;
    }
    const auto frameBytes = static_cast<std::size_t>(layout.frameBytes());
    const auto codedBytes = static_cast<std::size_t>(layout.codedBytes);
    for (int i = 0; i < layout.blockFactor; ++i) {
        const auto frame = datagram.subspan(static_cast<std::size_t>(i) * frameBytes, frameBytes);
        frames[static_cast<std::size_t>(i)] = AudioFrameView{
            frame.first(codedBytes),
            layout.sequenceNumbers ? std::optional<uint8_t>(frame[codedBytes]) : std::nullopt};
    }
    return layout.blockFactor;
}

std::span<uint8_t> codedFrameSlot(std::span<uint8_t> datagram, const AudioFrameLayout& layout,
                                  int index) {
    if (!layoutIsValid(layout) || index < 0 || index >= layout.blockFactor ||
        datagram.size() < static_cast<std::size_t>(layout.datagramBytes())) {
        return {};
    }
    return datagram.subspan(static_cast<std::size_t>(index * layout.frameBytes()),
                            static_cast<std::size_t>(layout.codedBytes));
}

uint8_t stampSequenceNumbers(std::span<uint8_t> datagram, const AudioFrameLayout& layout,
                             uint8_t firstSequence) {
    if (!layoutIsValid(layout) || !layout.sequenceNumbers ||
        datagram.size() < static_cast<std::size_t>(layout.datagramBytes())) {
        return firstSequence;
    }
    uint8_t sequence = firstSequence;
    for (int i = 0; i < layout.blockFactor; ++i) {
        datagram[static_cast<std::size_t>(i * layout.frameBytes() + layout.codedBytes)] = sequence;
        ++sequence;  // uint8_t arithmetic wraps 255 -> 0 as the protocol wants
    }
    return sequence;
}

}  // namespace tutti::audio
