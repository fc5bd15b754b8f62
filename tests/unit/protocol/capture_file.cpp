#include "capture_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tutti::protocol::test {
namespace {

std::vector<std::uint8_t> fromHex(const std::string& hex) {
    if (hex.size() % 2 != 0) {
        throw std::runtime_error("odd hex length");
    }
    std::vector<std::uint8_t> out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        out.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) {
        cols.push_back(col);
    }
    return cols;
}

}  // namespace

std::vector<CapturedDatagram> loadAllCaptures() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(TUTTI_CAPTURES_DIR)) {
        if (entry.path().extension() == ".txt") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());

    std::vector<CapturedDatagram> all;
    for (const auto& path : files) {
        std::ifstream in(path);
        std::string text;
        int lineNo = 0;
        while (std::getline(in, text)) {
            ++lineNo;
            if (text.empty() || text[0] == '#') {
                continue;
            }
            const auto cols = splitTabs(text);
            if (cols.size() < 6) {
                throw std::runtime_error(path.string() + ": malformed line " +
                                         std::to_string(lineNo));
            }
            all.push_back(
                {path.filename().string(), lineNo, cols[1], cols[2], fromHex(cols[4]), cols[5]});
        }
    }
    return all;
}

}  // namespace tutti::protocol::test
