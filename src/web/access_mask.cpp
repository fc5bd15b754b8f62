#include "src/web/access_mask.h"

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
        const std::optional<admin::AddressPattern> rule = admin::AddressPattern::parse(entry);
        if (!rule) {
            error = "not an IPv4 or IPv6 address or CIDR block: \"" + std::string(entry) + "\"";
            return std::nullopt;
        }
        mask.rules_.push_back(*rule);
    }
    if (mask.rules_.empty()) {
        error = "the access list is empty";
        return std::nullopt;
    }
    return mask;
}

bool AccessMask::allows(std::string_view address) const {
    // Qt may add a scope ("fe80::1%eth0"); the scope does not change who the host is.
    const std::optional<admin::IpAddress> ip = admin::parseIp(address.substr(0, address.find('%')));
    if (!ip) {
        return false;
    }
    for (const admin::AddressPattern& rule : rules_) {
        if (rule.matches(*ip)) {
            return true;
        }
    }
    return false;
}

bool AccessMask::loopbackOnlyRules() const {
    static const AccessMask loopback = loopbackOnly();
    for (const admin::AddressPattern& rule : rules_) {
        bool inside = false;
        for (const admin::AddressPattern& l : loopback.rules_) {
            inside = inside || rule.within(l);
        }
        if (!inside) {
            return false;
        }
    }
    return true;
}

std::string AccessMask::describe() const {
    std::string out;
    for (const admin::AddressPattern& rule : rules_) {
        out += (out.empty() ? "" : ",") + rule.text();
    }
    return out;
}

}  // namespace tutti::web
