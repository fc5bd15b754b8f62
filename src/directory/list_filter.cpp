#include "src/directory/list_filter.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace tutti::directory {

std::vector<uint32_t> versionNumbers(std::string_view version) {
    std::vector<uint32_t> numbers;
    std::size_t pos = 0;
    while (pos < version.size() && std::isdigit(static_cast<unsigned char>(version[pos]))) {
        uint32_t n = 0;
        while (pos < version.size() && std::isdigit(static_cast<unsigned char>(version[pos]))) {
            n = std::min<uint32_t>(n * 10 + static_cast<uint32_t>(version[pos] - '0'), 1000000);
            ++pos;
        }
        numbers.push_back(n);
        if (pos + 1 < version.size() && version[pos] == '.' &&
            std::isdigit(static_cast<unsigned char>(version[pos + 1]))) {
            ++pos;
        } else {
            break;
        }
    }
    return numbers;
}

bool versionAtLeast(std::string_view version, const std::vector<uint32_t>& minimum) {
    const std::vector<uint32_t> have = versionNumbers(version);
    const std::size_t n = std::max(have.size(), minimum.size());
    for (std::size_t i = 0; i < n; ++i) {
        const uint32_t a = i < have.size() ? have[i] : 0;
        const uint32_t b = i < minimum.size() ? minimum[i] : 0;
        if (a != b) {
            return a > b;
        }
    }
    return true;
}

bool ListFilter::allows(uint32_t sourceIp) const {
    return allowedIps.empty() ||
           std::find(allowedIps.begin(), allowedIps.end(), sourceIp) != allowedIps.end();
}

ParsedListFilter parseListFilter(std::string_view text) {
    ParsedListFilter out;
    std::vector<std::string> allowedTexts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        const std::string entry(text.substr(start, end - start));
        start = end + 1;
        if (entry.empty()) {
            out.lines.emplace_back(
                "There is empty entry in the server list filter that will be ignored");
            continue;
        }
        if (entry.size() > 2 && entry.front() == '[' && entry.back() == ']') {
            out.filter.minimumVersionText = entry.substr(1, entry.size() - 2);
            out.filter.minimumVersion = versionNumbers(out.filter.minimumVersionText);
            continue;
        }
        in_addr a{};
        if (inet_pton(AF_INET, entry.c_str(), &a) == 1) {
            out.filter.allowedIps.push_back(ntohl(a.s_addr));
            allowedTexts.push_back(entry);
            continue;
        }
        out.lines.push_back(entry +
                            " is not a valid server list filter entry. Only plain IP addresses "
                            "are supported");
    }
    if (out.filter.hasMinimumVersion()) {
        out.lines.push_back("Registering servers must be version \"" +
                            out.filter.minimumVersionText + "\" or later.");
    }
    if (!allowedTexts.empty()) {
        out.lines.emplace_back(
            "Directory registration white list active.  Only the following addresses can "
            "register:");
        for (const std::string& ip : allowedTexts) {
            out.lines.push_back("  - \"" + ip + "\"");
        }
    }
    return out;
}

}  // namespace tutti::directory
