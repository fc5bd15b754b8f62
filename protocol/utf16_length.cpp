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

}  // namespace

std::size_t utf16Length(std::string_view utf8) {
    std::size_t units = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const std::size_t n = wellFormedSequenceLength(utf8, i);
        if (n == 0) {
            units += 1;  // replacement character for this byte
            i += 1;
        } else {
            units += (n == 4) ? 2 : 1;  // code points above the BMP need a surrogate pair
            i += n;
        }
    }
    return units;
}

}  // namespace tutti::protocol
