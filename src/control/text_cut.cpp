#include "src/control/text_cut.h"

namespace tutti::control {

namespace {
// Bytes of the UTF-8 sequence starting with `lead` and the UTF-16 units it stands for.
struct Step {
    std::size_t bytes;
    std::size_t units;
};

Step stepAt(std::string_view s, std::size_t i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    if (lead >= 0xF0 && lead < 0xF8) {
        len = 4;
    } else if (lead >= 0xE0) {
        len = lead < 0xF0 ? 3 : 1;
    } else if (lead >= 0xC0) {
        len = 2;
    }
    if (i + len > s.size()) {
        return {1, 1};
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
            return {1, 1};
        }
    }
    return {len, len == 4 ? 2u : 1u};  // beyond the BMP: a surrogate pair
}
}  // namespace

std::size_t utf16Units(std::string_view utf8) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const Step st = stepAt(utf8, i);
        units += st.units;
        i += st.bytes;
    }
    return units;
}

std::string cutToUtf16Units(std::string_view utf8, std::size_t maxUnits) {
    std::size_t units = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const Step st = stepAt(utf8, i);
        if (units + st.units > maxUnits) {
            break;
        }
        units += st.units;
        i += st.bytes;
    }
    return std::string(utf8.substr(0, i));
}

}  // namespace tutti::control
