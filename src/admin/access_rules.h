// Who may reach the server: the bans and the allowlist, parsed once so that the check made for
// every datagram from an unknown address is a short scan with no text handling beyond the
// address itself. Plain data; the database and the command layer fill it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/admin/address_pattern.h"
#include "src/control/operator_api.h"

namespace tutti::admin {

enum class Verdict { Admit, Banned, NotAllowed };

class AccessRules {
  public:
    // Entries whose pattern does not parse are left out and returned, for the operator to hear
    // of (they can only come from hand edits of the database).
    std::vector<control::AddressRule> setBans(std::vector<control::AddressRule> bans);
    std::vector<control::AddressRule> setAllowlist(std::vector<control::AddressRule> allowed);
    void setAllowlistEnabled(bool on) { allowlistEnabled_ = on; }
    bool allowlistEnabled() const { return allowlistEnabled_; }

    // A ban whose expiry (Unix seconds) has passed no longer counts.
    Verdict check(const IpAddress& ip, int64_t nowUnix) const;
    Verdict check(const std::string& ipText, int64_t nowUnix) const;
    // The ban that refuses `ip`, or null.
    const control::AddressRule* banFor(const IpAddress& ip, int64_t nowUnix) const;

    // Active bans (not expired) and the allowlist, in the order they were given.
    std::vector<control::AddressRule> bans(int64_t nowUnix) const;
    std::vector<control::AddressRule> allowlist() const;

  private:
    struct Entry {
        AddressPattern pattern;
        control::AddressRule rule;
    };
    static std::vector<control::AddressRule> compile(std::vector<control::AddressRule> in,
                                                     std::vector<Entry>& out);

    std::vector<Entry> bans_;
    std::vector<Entry> allowed_;
    bool allowlistEnabled_ = false;
};

// Unix seconds now (the wall clock: bans expire at a date the operator chose).
int64_t unixNow();

}  // namespace tutti::admin
