#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tutti::protocol {

// Largest datagram a Jamulus peer reads; also the reassembly limit for split messages.
inline constexpr std::size_t kMaxDatagram = 20000;
// Tag (2) + id (2) + counter (1) + length (2) before the payload, CRC (2) after it.
inline constexpr std::size_t kFrameHeaderBytes = 7;
inline constexpr std::size_t kFrameOverheadBytes = 9;
inline constexpr std::size_t kMaxFramePayload = 0xFFFF;

// One protocol message as it sits in a datagram. The payload points into the datagram, so a
// Frame is only valid while the datagram's buffer is.
struct Frame {
    std::uint16_t id;
    std::uint8_t counter;
    std::span<const std::uint8_t> payload;
};

// Classifies a datagram (PROTOCOL.md 2): a Frame if it is a well-formed protocol message,
// nullopt otherwise, in which case it must be treated as audio.
std::optional<Frame> parseFrame(std::span<const std::uint8_t> datagram);

// Ids 1000..1999 are connectionless: never queued, never acknowledged.
bool isConnectionlessId(std::uint16_t id);

// A complete datagram for one message. Returns an empty vector if the payload is longer than
// the 16-bit length field can state.
std::vector<std::uint8_t> encodeFrame(std::uint16_t id, std::uint8_t counter,
                                      std::span<const std::uint8_t> payload);

// Same as encodeFrame but into caller-provided memory, without allocating (for the real-time
// thread). Returns the number of bytes written, or 0 if `out` is too small or the payload too
// long.
std::size_t encodeFrameInto(std::uint16_t id, std::uint8_t counter,
                            std::span<const std::uint8_t> payload, std::span<std::uint8_t> out);

}  // namespace tutti::protocol
