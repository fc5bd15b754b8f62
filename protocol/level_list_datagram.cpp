#include "protocol/level_list_datagram.h"

#include "protocol/crc.h"
#include "protocol/framing.h"
#include "protocol/message_ids.h"

namespace tutti::protocol {

std::size_t encodeLevelListDatagram(std::span<const std::uint8_t> levels,
                                    std::span<std::uint8_t> out) {
    const std::size_t payloadBytes = (levels.size() + 1) / 2;
    const std::size_t total = levelListDatagramBytes(levels.size());
    if (out.size() < total || payloadBytes > kMaxFramePayload) {
        return 0;
    }
    // Built in place rather than through encodeFrameInto so no temporary payload buffer is needed.
    out[0] = 0;
    out[1] = 0;
    out[2] = static_cast<std::uint8_t>(msgid::kClmChannelLevelList & 0xFF);
    out[3] = static_cast<std::uint8_t>(msgid::kClmChannelLevelList >> 8);
    out[4] = 0;
    out[5] = static_cast<std::uint8_t>(payloadBytes & 0xFF);
    out[6] = static_cast<std::uint8_t>(payloadBytes >> 8);
    for (std::size_t i = 0; i < payloadBytes; ++i) {
        const std::uint8_t low = levels[2 * i] & 0x0F;
        // An odd count leaves the last high nibble as 0xF padding.
        const std::uint8_t high = (2 * i + 1 < levels.size()) ? (levels[2 * i + 1] & 0x0F) : 0x0F;
        out[kFrameHeaderBytes + i] = static_cast<std::uint8_t>(low | (high << 4));
    }
    const std::size_t crcAt = total - 2;
    const std::uint16_t crc = crc16(out.first(crcAt));
    out[crcAt] = static_cast<std::uint8_t>(crc & 0xFF);
    out[crcAt + 1] = static_cast<std::uint8_t>(crc >> 8);
    return total;
}

}  // namespace tutti::protocol
