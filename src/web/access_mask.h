// Which hosts may talk to the web admin port (--web-admin-access): a comma-separated list of
// IPv4/IPv6 addresses and CIDR blocks, e.g. "127.0.0.1,::1,192.168.1.0/24,2001:db8::/32".
// Qt-free so it is unit-tested on its own; entries are parsed as bans and allowlist entries are.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/admin/address_pattern.h"

namespace tutti::web {

class AccessMask {
  public:
    // The default without --web-admin-access: 127.0.0.0/8 and ::1.
    static AccessMask loopbackOnly();
    // nullopt and `error` set for an empty list or an entry that is no address or CIDR.
    static std::optional<AccessMask> parse(std::string_view text, std::string& error);

    // `address` without a port ("192.0.2.7", "::1", "::ffff:127.0.0.1"). An IPv4-mapped IPv6
    // address matches the IPv4 rules, because a dual-stack listener reports IPv4 peers that way.
    bool allows(std::string_view address) const;
    // True when every rule lies inside loopback: then the listener binds to loopback only.
    bool loopbackOnlyRules() const;
    std::string describe() const;  // normalised, comma-separated

  private:
    // The same address and CIDR rules as bans and the allowlist.
    std::vector<admin::AddressPattern> rules_;
};

}  // namespace tutti::web
