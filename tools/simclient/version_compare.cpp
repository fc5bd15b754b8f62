#include "tools/simclient/version_compare.h"

#include <array>
#include <cctype>

namespace tutti::simclient {

bool versionAtLeast(std::string_view version, int major, int minor, int patch) {
    std::array<int, 3> parts{0, 0, 0};
    std::size_t pos = 0;
    for (int& part : parts) {
        const std::size_t start = pos;
        while (pos < version.size() && std::isdigit(static_cast<unsigned char>(version[pos]))) {
            part = part * 10 + (version[pos] - '0');
            ++pos;
            if (part > 100000) {
                break;
            }
        }
        if (pos == start || pos >= version.size() || version[pos] != '.') {
            break;
        }
        ++pos;
    }
    const std::array<int, 3> wanted{major, minor, patch};
    return parts >= wanted;
}

}  // namespace tutti::simclient
