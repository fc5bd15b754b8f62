#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tutti::protocol {

// Bytes needed for a level-list datagram carrying `channels` values.
constexpr std::size_t levelListDatagramBytes(std::size_t channels) {
    return 9 + (channels + 1) / 2;
}

// Writes a complete CLM_CHANNEL_LEVEL_LIST datagram (frame and CRC included) for the given
// meter values (one 0..15 value per channel) without allocating, for the real-time thread.
// Returns the datagram length, or 0 if `out` is too small.
std::size_t encodeLevelListDatagram(std::span<const std::uint8_t> levels,
                                    std::span<std::uint8_t> out);

}  // namespace tutti::protocol
