#include "tools/loadgen/source_addresses.h"

namespace tutti::loadgen {

std::uint32_t sourceAddressOf(int index) {
    const auto i = static_cast<std::uint32_t>(index);
    return (127u << 24) | ((i / 250u) << 8) | (i % 250u + 2u);
}

std::optional<int> clientOfSourceAddress(std::uint32_t hostOrderIp, int clients) {
    if ((hostOrderIp >> 16) != (127u << 8)) {
        return std::nullopt;  // not 127.0.x.y
    }
    const std::uint32_t high = (hostOrderIp >> 8) & 0xffu;
    const std::uint32_t low = hostOrderIp & 0xffu;
    if (low < 2 || low >= 252) {
        return std::nullopt;
    }
    const auto index = static_cast<int>(high * 250u + (low - 2u));
    if (index >= clients) {
        return std::nullopt;
    }
    return index;
}

}  // namespace tutti::loadgen
