#include "src/directory/text_limits.h"

#include <cstdint>

namespace tutti::directory {

std::string cutToUtf16Units(std::string_view utf8, std::size_t maxUnits) {
    std::size_t units = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const auto lead = static_cast<uint8_t>(utf8[pos]);
        // Sequence length from the lead byte; stray continuation bytes count as one unit each,
        // as a replacing decoder would show them.
        std::size_t len = 1;
        if (lead >= 0xF0 && lead < 0xF8) {
            len = 4;
        } else if (lead >= 0xE0) {
            len = lead < 0xF0 ? 3 : 1;
        } else if (lead >= 0xC0) {
            len = 2;
        }
        if (pos + len > utf8.size()) {
            len = utf8.size() - pos;
        }
        const std::size_t cost = len == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair
        if (units + cost > maxUnits) {
            break;
        }
        units += cost;
        pos += len;
    }
    return std::string(utf8.substr(0, pos));
}

}  // namespace tutti::directory
