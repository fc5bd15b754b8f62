#include "protocol/framing.h"

#include <algorithm>

#include "protocol/crc.h"

namespace tutti::protocol {
namespace {

std::uint16_t readU16(std::span<const std::uint8_t> d, std::size_t at) {
    return static_cast<std::uint16_t>(d[at] | (d[at + 1] << 8));
}

void writeU16(std::span<std::uint8_t> d, std::size_t at, std::uint16_t v) {
    d[at] = static_cast<std::uint8_t>(v);
    d[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

}  // namespace

std::optional<Frame> parseFrame(std::span<const std::uint8_t> datagram) {
    // The order of checks follows the spec; the CRC comes last because it is the expensive one
    // and audio almost always fails earlier.
    if (datagram.size() < kFrameOverheadBytes) {
        return std::nullopt;
    }
    if (datagram[0] != 0 || datagram[1] != 0) {
        return std::nullopt;
    }
    const std::size_t payloadLength = readU16(datagram, 5);
    if (payloadLength != datagram.size() - kFrameOverheadBytes) {
        return std::nullopt;
    }
    const std::size_t crcAt = datagram.size() - 2;
    if (crc16(datagram.first(crcAt)) != readU16(datagram, crcAt)) {
        return std::nullopt;
    }
    return Frame{readU16(datagram, 2), datagram[4],
                 datagram.subspan(kFrameHeaderBytes, payloadLength)};
}

bool isConnectionlessId(std::uint16_t id) {
    return id >= 1000 && id <= 1999;
}

std::vector<std::uint8_t> encodeFrame(std::uint16_t id, std::uint8_t counter,
                                      std::span<const std::uint8_t> payload) {
    if (payload.size() > kMaxFramePayload) {
        return {};
    }
    std::vector<std::uint8_t> out(payload.size() + kFrameOverheadBytes);
    encodeFrameInto(id, counter, payload, out);
    return out;
}

std::size_t encodeFrameInto(std::uint16_t id, std::uint8_t counter,
                            std::span<const std::uint8_t> payload, std::span<std::uint8_t> out) {
    const std::size_t total = payload.size() + kFrameOverheadBytes;
    if (payload.size() > kMaxFramePayload || out.size() < total) {
        return 0;
    }
    writeU16(out, 0, 0);
    writeU16(out, 2, id);
    out[4] = counter;
    writeU16(out, 5, static_cast<std::uint16_t>(payload.size()));
    std::copy(payload.begin(), payload.end(), out.begin() + kFrameHeaderBytes);
    const std::size_t crcAt = total - 2;
    writeU16(out, crcAt, crc16(out.first(crcAt)));
    return total;
}

}  // namespace tutti::protocol
