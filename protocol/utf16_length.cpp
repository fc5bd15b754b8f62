#include "protocol/utf16_length.h"

#include <cstdint>

namespace tutti::protocol {
namespace {

bool isContinuation(std::uint8_t b) {
    return (b & 0xC0) == 0x80;
}

// Length in bytes of the well-formed sequence starting at s[i], or 0 if there is none.
// The ranges of the second byte rule out overlong forms, surrogates and values past U+10FFFF.
std::size_t wellFormedSequenceLength(std::string_view s, std::size_t i) {
    const auto at = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
    const std::uint8_t lead = at(i);
    const std::size_t left = s.size() - i;
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        return (left >= 2 && isContinuation(at(i + 1))) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !isContinuation(at(i + 1)) || !isContinuation(at(i + 2))) {
            return 0;
        }
        const std::uint8_t second = at(i + 1);
        if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)) {
            return 0;
        }
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !isContinuation(at(i + 1)) || !isContinuation(at(i + 2)) ||
            !isContinuation(at(i + 3))) {
            return 0;
        }
        const std::uint8_t second = at(i + 1);
        if ((lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
            return 0;
        }
        return 4;
    }
    return 0;
}

// One step of the walk: the bytes taken and the UTF-16 units they stand for.
struct Step {
    std::size_t bytes;
    std::size_t units;
};

Step stepAt(std::string_view utf8, std::size_t i) {
    const std::size_t n = wellFormedSequenceLength(utf8, i);
    if (n == 0) {
        return {1, 1};  // a replacement character for this byte
    }
    return {n, n == 4 ? 2u : 1u};  // code points above the BMP need a surrogate pair
}

}  // namespace

std::size_t utf16Length(std::string_view utf8) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const Step st = stepAt(utf8, i);
        units += st.units;
        i += st.bytes;
    }
    return units;
}

std::string cutToUtf16Length(std::string_view utf8, std::size_t maxUnits) {
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

}  // namespace tutti::protocol
