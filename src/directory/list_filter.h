// `-f/--listfilter` of a directory (OPERATIONS.md 3.5): an allow-list of registration source IPs
// and an optional minimum server version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::directory {

// The leading dotted numbers of a version text: "3.11.0-tutti-1" -> {3, 11, 0}.
std::vector<uint32_t> versionNumbers(std::string_view version);
// Component-wise, missing components count as 0.
bool versionAtLeast(std::string_view version, const std::vector<uint32_t>& minimum);

struct ListFilter {
    std::vector<uint32_t> allowedIps;  // host-order IPv4; empty = everyone may register
    std::vector<uint32_t> minimumVersion;
    std::string minimumVersionText;  // as written between the brackets

    bool hasMinimumVersion() const { return !minimumVersion.empty(); }
    bool allows(uint32_t sourceIp) const;
};

struct ParsedListFilter {
    ListFilter filter;
    std::vector<std::string> lines;  // warnings and the summary CLI.md lists
};

ParsedListFilter parseListFilter(std::string_view text);

}  // namespace tutti::directory
