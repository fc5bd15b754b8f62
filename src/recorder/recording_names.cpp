#include "src/recorder/recording_names.h"

#include <cstdio>
#include <ctime>

namespace tutti::recorder {

namespace {

// Decodes one UTF-8 sequence at s[i]; anything malformed is returned as a code point outside
// Latin-1 so it ends up as '_' like any other unmappable character.
char32_t nextCodePoint(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i++);
    if (b < 0x80) {
        return b;
    }
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
    if (extra < 0) {
        return 0xFFFD;
    }
    char32_t cp = b & (0x3F >> extra);
    for (; extra > 0; --extra) {
        if (i >= s.size() || (byte(i) & 0xC0) != 0x80) {
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(i++) & 0x3F);
    }
    return cp;
}

char mapLatin1(char32_t c) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        return static_cast<char>(c);
    }
    if (c >= 0xC0 && c <= 0xFF) {
        // Each letter of U+00C0..U+00FF in order; '_' where the character is not a letter.
        static constexpr char kUpperHalf[] =
            "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYPS"
            "aaaaaaaceeeeiiiidnooooo_ouuuuypy";
        return kUpperHalf[c - 0xC0];
    }
    switch (c) {
        case 0xB2:
            return '2';
        case 0xB3:
            return '3';
        case 0xB9:
            return '1';
        case 0xB5:
            return 'u';
        // Windows-1252 positions Qt's Latin-1 mapping still knows; clients cannot send them as
        // such (they arrive as C1 controls), kept for completeness of the table.
        case 0x8A:
            return 'S';
        case 0x8C:
            return 'O';
        case 0x8E:
            return 'Z';
        case 0x9A:
            return 's';
        case 0x9C:
            return 'o';
        case 0x9E:
            return 'z';
        case 0x9F:
            return 'Y';
        default:
            return '_';
    }
}

}  // namespace

std::string transliterate(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        out.push_back(mapLatin1(nextCodePoint(utf8, i)));
    }
    return out;
}

std::string recordingName(std::string_view utf8Name) {
    std::string name = transliterate(utf8Name);
    if (name.size() < 4) {
        name.append(4 - name.size(), '_');
    }
    return name;
}

std::string recordingAddress(const std::string& ip, uint16_t port) {
    const bool v6 = ip.find(':') != std::string::npos;
    const bool loopback = v6 ? ip == "::1" : ip.rfind("127.", 0) == 0;
    std::string shown = ip;
    if (!loopback) {
        const std::size_t cut = shown.rfind(v6 ? ':' : '.');
        if (cut != std::string::npos) {
            shown = shown.substr(0, cut + 1) + "x";
        }
    }
    const std::string text =
        (v6 ? "[" + shown + "]" : shown) + ":" + std::to_string(static_cast<unsigned>(port));
    return transliterate(text);
}

std::string wavFileName(const std::string& name, const std::string& address, uint64_t startFrame,
                        int channels, int k) {
    std::string file =
        name + "-" + address + "-" + std::to_string(startFrame) + "-" + std::to_string(channels);
    if (k > 0) {
        file += "_" + std::to_string(k);
    }
    return file + ".wav";
}

std::string trackName(const std::string& name, const std::string& address) {
    return name + "-" + address;
}

std::string sessionFolderName(std::chrono::system_clock::time_point when) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[40];
    std::snprintf(buf, sizeof(buf), "Jam-%04d%02d%02d-%02d%02d%02d%03d", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(ms % 1000));
    return buf;
}

std::string frameSeconds(uint64_t frames, int frameSamples) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.14f", static_cast<double>(frames) * frameSamples / 48000.0);
    return buf;
}

}  // namespace tutti::recorder
