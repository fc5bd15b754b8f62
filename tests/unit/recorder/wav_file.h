#pragma once

// Reads back what the recorder wrote, for assertions.

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tutti::recorder::test {

inline std::vector<uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline uint32_t le32(const std::vector<uint8_t>& b, std::size_t at) {
    return static_cast<uint32_t>(b[at]) | static_cast<uint32_t>(b[at + 1]) << 8 |
           static_cast<uint32_t>(b[at + 2]) << 16 | static_cast<uint32_t>(b[at + 3]) << 24;
}

inline uint16_t le16(const std::vector<uint8_t>& b, std::size_t at) {
    return static_cast<uint16_t>(b[at] | b[at + 1] << 8);
}

struct WavInfo {
    bool valid = false;
    int channels = 0;
    uint32_t riffSize = 0;
    uint32_t dataBytes = 0;
    std::size_t fileBytes = 0;
    std::vector<int16_t> samples;  // what the header's data size covers
};

inline WavInfo readWav(const std::string& path) {
    WavInfo w;
    const std::vector<uint8_t> b = readBytes(path);
    w.fileBytes = b.size();
    if (b.size() < 44 || std::memcmp(b.data(), "RIFF", 4) != 0 ||
        std::memcmp(b.data() + 8, "WAVEfmt ", 8) != 0 ||
        std::memcmp(b.data() + 36, "data", 4) != 0 || le32(b, 16) != 16 || le16(b, 20) != 1 ||
        le32(b, 24) != 48000 || le16(b, 34) != 16) {
        return w;
    }
    w.channels = le16(b, 22);
    w.riffSize = le32(b, 4);
    w.dataBytes = le32(b, 40);
    w.valid = (w.channels == 1 || w.channels == 2) && le32(b, 28) == 96000u * w.channels &&
              le16(b, 32) == 2 * w.channels && w.riffSize == w.dataBytes + 36 &&
              w.dataBytes % (2 * w.channels) == 0 && 44 + w.dataBytes <= b.size();
    if (w.valid) {
        w.samples.resize(w.dataBytes / 2);
        std::memcpy(w.samples.data(), b.data() + 44, w.dataBytes);
    }
    return w;
}

}  // namespace tutti::recorder::test
