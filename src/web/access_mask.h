// Which hosts may talk to the web admin port (--web-admin-access): a comma-separated list of
// IPv4/IPv6 addresses and CIDR blocks, e.g. "127.0.0.1,::1,192.168.1.0/24,2001:db8::/32".
// Qt-free so the matching is unit-tested on its own.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    struct Rule {
        bool v6 = false;
        std::array<uint8_t, 16> bytes{};  // IPv4 uses the first four
        int prefix = 0;
    };
    static bool matches(const Rule& rule, bool v6, const std::array<uint8_t, 16>& bytes);
    std::vector<Rule> rules_;
};

}  // namespace tutti::web
