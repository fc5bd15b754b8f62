#include "src/admin/access_rules.h"

#include <ctime>

namespace tutti::admin {

namespace {
bool expired(const control::AddressRule& r, int64_t now) {
    return r.expiresAt != 0 && r.expiresAt <= now;
}
}  // namespace

int64_t unixNow() {
    return static_cast<int64_t>(std::time(nullptr));
}

std::vector<control::AddressRule> AccessRules::compile(std::vector<control::AddressRule> in,
                                                       std::vector<Entry>& out) {
    std::vector<control::AddressRule> rejected;
    out.clear();
    for (control::AddressRule& r : in) {
        if (auto p = AddressPattern::parse(r.pattern)) {
            r.pattern = p->text();
            out.push_back(Entry{*p, std::move(r)});
        } else {
            rejected.push_back(std::move(r));
        }
    }
    return rejected;
}

std::vector<control::AddressRule> AccessRules::setBans(std::vector<control::AddressRule> bans) {
    return compile(std::move(bans), bans_);
}

std::vector<control::AddressRule> AccessRules::setAllowlist(
    std::vector<control::AddressRule> allowed) {
    return compile(std::move(allowed), allowed_);
}

const control::AddressRule* AccessRules::banFor(const IpAddress& ip, int64_t nowUnix) const {
    for (const Entry& e : bans_) {
        if (!expired(e.rule, nowUnix) && e.pattern.matches(ip)) {
            return &e.rule;
        }
    }
    return nullptr;
}

Verdict AccessRules::check(const IpAddress& ip, int64_t nowUnix) const {
    if (banFor(ip, nowUnix) != nullptr) {
        return Verdict::Banned;
    }
    if (allowlistEnabled_) {
        for (const Entry& e : allowed_) {
            if (e.pattern.matches(ip)) {
                return Verdict::Admit;
            }
        }
        return Verdict::NotAllowed;
    }
    return Verdict::Admit;
}

Verdict AccessRules::check(const std::string& ipText, int64_t nowUnix) const {
    const auto ip = parseIp(ipText);
    // Every address the socket hands us parses; anything else is no client we could serve.
    return ip ? check(*ip, nowUnix) : Verdict::NotAllowed;
}

std::vector<control::AddressRule> AccessRules::bans(int64_t nowUnix) const {
    std::vector<control::AddressRule> out;
    for (const Entry& e : bans_) {
        if (!expired(e.rule, nowUnix)) {
            out.push_back(e.rule);
        }
    }
    return out;
}

std::vector<control::AddressRule> AccessRules::allowlist() const {
    std::vector<control::AddressRule> out;
    for (const Entry& e : allowed_) {
        out.push_back(e.rule);
    }
    return out;
}

}  // namespace tutti::admin
