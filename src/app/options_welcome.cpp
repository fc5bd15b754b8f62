#include "options_welcome.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

namespace tutti::app {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool isContinuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// Length of the well-formed UTF-8 sequence at the start of text, or 0 if malformed; *validPrefix
// gets how many bytes form the longest start of a valid sequence, so a bad sequence is replaced
// by one U+FFFD (the "maximal subpart" rule Unicode recommends and Qt follows).
std::size_t sequenceLength(std::string_view text, std::size_t* validPrefix) {
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = 0;
    unsigned char secondMin = 0x80;
    unsigned char secondMax = 0xBF;
    if (lead < 0x80) {
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        secondMin = lead == 0xE0 ? 0xA0 : 0x80;  // overlong
        secondMax = lead == 0xED ? 0x9F : 0xBF;  // UTF-16 surrogates are not characters
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        secondMin = lead == 0xF0 ? 0x90 : 0x80;  // overlong
        secondMax = lead == 0xF4 ? 0x8F : 0xBF;  // beyond U+10FFFF
    } else {
        *validPrefix = 1;
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const bool ok =
            i < text.size() && (i == 1 ? static_cast<unsigned char>(text[i]) >= secondMin &&
                                             static_cast<unsigned char>(text[i]) <= secondMax
                                       : isContinuation(static_cast<unsigned char>(text[i])));
        if (!ok) {
            *validPrefix = i;
            return 0;
        }
    }
    return length;
}

std::optional<std::string> readRegularFile(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Jamulus reads the file as text; on every platform that turns CRLF into LF.
std::string crlfToLf(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

std::string truncateToUtf16Units(std::string_view utf8, std::size_t maxUnits) {
    std::string out;
    std::size_t units = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        std::size_t validPrefix = 0;
        const std::size_t length = sequenceLength(utf8.substr(pos), &validPrefix);
        // Four-byte sequences are the ones outside the BMP: a surrogate pair in UTF-16.
        const std::size_t needed = length == 4 ? 2 : 1;
        if (units + needed > maxUnits) {
            break;
        }
        units += needed;
        if (length == 0) {
            out += kReplacementChar;
            pos += validPrefix;
        } else {
            out.append(utf8.substr(pos, length));
            pos += length;
        }
    }
    return out;
}

std::string resolveWelcomeMessage(const std::string& value) {
    if (value.empty()) {
        return {};
    }
    std::optional<std::string> text = readRegularFile(value);
    if (!text) {
        return truncateToUtf16Units(value, kMaxWelcomeMessageUtf16Units);
    }
    std::string_view content = *text;
    if (content.starts_with(kUtf8Bom)) {
        content.remove_prefix(kUtf8Bom.size());
    }
    return truncateToUtf16Units(crlfToLf(content), kMaxWelcomeMessageUtf16Units);
}

}  // namespace tutti::app
