#pragma once

#include <cstdint>
#include <span>

namespace tutti::protocol {

// CRC-16/GENIBUS (poly 0x1021, init 0xFFFF, MSB first, result inverted), the checksum that
// closes every protocol datagram (PROTOCOL.md 3.2).
std::uint16_t crc16(std::span<const std::uint8_t> data);

}  // namespace tutti::protocol
