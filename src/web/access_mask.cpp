#include "src/web/access_mask.h"

#include <arpa/inet.h>

#include <charconv>

namespace tutti::web {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// Parses a bare address; false if it is neither IPv4 nor IPv6.
bool parseAddress(std::string_view text, bool& v6, std::array<uint8_t, 16>& bytes) {
    const std::string s(text);
    bytes.fill(0);
    if (inet_pton(AF_INET, s.c_str(), bytes.data()) == 1) {
        v6 = false;
        return true;
    }
    if (inet_pton(AF_INET6, s.c_str(), bytes.data()) == 1) {
        v6 = true;
        return true;
    }
    return false;
}

bool isMappedV4(const std::array<uint8_t, 16>& b) {
    for (int i = 0; i < 10; ++i) {
        if (b[i] != 0) {
            return false;
        }
    }
    return b[10] == 0xff && b[11] == 0xff;
}

bool prefixEqual(const uint8_t* a, const uint8_t* b, int prefix) {
    const int whole = prefix / 8;
    for (int i = 0; i < whole; ++i) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    const int rest = prefix % 8;
    if (rest == 0) {
        return true;
    }
    const auto mask = static_cast<uint8_t>(0xff << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

}  // namespace

AccessMask AccessMask::loopbackOnly() {
    std::string unused;
    return *parse("127.0.0.0/8,::1", unused);
}

std::optional<AccessMask> AccessMask::parse(std::string_view text, std::string& error) {
    AccessMask mask;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view entry = trim(text.substr(start, comma - start));
        start = comma + 1;
        if (entry.empty()) {
            continue;
        }
        Rule rule;
        const std::size_t slash = entry.find('/');
        if (!parseAddress(entry.substr(0, slash), rule.v6, rule.bytes)) {
            error = "not an IPv4 or IPv6 address: \"" + std::string(entry) + "\"";
            return std::nullopt;
        }
        const int maxPrefix = rule.v6 ? 128 : 32;
        rule.prefix = maxPrefix;
        if (slash != std::string_view::npos) {
            const std::string_view digits = entry.substr(slash + 1);
            int prefix = -1;
            const auto [end, ec] =
                std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
            if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
                prefix < 0 || prefix > maxPrefix) {
                error = "bad prefix length in \"" + std::string(entry) + "\" (0.." +
                        std::to_string(maxPrefix) + ")";
                return std::nullopt;
            }
            rule.prefix = prefix;
        }
        mask.rules_.push_back(rule);
    }
    if (mask.rules_.empty()) {
        error = "the access list is empty";
        return std::nullopt;
    }
    return mask;
}

bool AccessMask::matches(const Rule& rule, bool v6, const std::array<uint8_t, 16>& bytes) {
    if (rule.v6 == v6) {
        return prefixEqual(rule.bytes.data(), bytes.data(), rule.prefix);
    }
    return false;
}

bool AccessMask::allows(std::string_view address) const {
    bool v6 = false;
    std::array<uint8_t, 16> bytes{};
    // Qt may add a scope ("fe80::1%eth0"); the scope does not change who the host is.
    if (!parseAddress(address.substr(0, address.find('%')), v6, bytes)) {
        return false;
    }
    std::array<uint8_t, 16> v4{};
    const bool mapped = v6 && isMappedV4(bytes);
    if (mapped) {
        std::copy(bytes.begin() + 12, bytes.end(), v4.begin());
    }
    for (const Rule& rule : rules_) {
        if (matches(rule, v6, bytes) || (mapped && matches(rule, false, v4))) {
            return true;
        }
    }
    return false;
}

bool AccessMask::loopbackOnlyRules() const {
    for (const Rule& rule : rules_) {
        const bool v4Loopback = !rule.v6 && rule.prefix >= 8 && rule.bytes[0] == 127;
        static const std::array<uint8_t, 16> kV6Loopback = {0, 0, 0, 0, 0, 0, 0, 0,
                                                            0, 0, 0, 0, 0, 0, 0, 1};
        const bool v6Loopback = rule.v6 && rule.prefix == 128 && rule.bytes == kV6Loopback;
        if (!v4Loopback && !v6Loopback) {
            return false;
        }
    }
    return true;
}

std::string AccessMask::describe() const {
    std::string out;
    for (const Rule& rule : rules_) {
        char text[INET6_ADDRSTRLEN] = {};
        inet_ntop(rule.v6 ? AF_INET6 : AF_INET, rule.bytes.data(), text, sizeof text);
        if (!out.empty()) {
            out += ",";
        }
        out += text;
        out += "/" + std::to_string(rule.prefix);
    }
    return out;
}

}  // namespace tutti::web
