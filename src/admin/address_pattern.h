// An IP address or CIDR block as operators write them in bans and the allowlist. IPv4 is kept as
// an IPv4-mapped IPv6 address, so that one comparison serves both families and a client seen on
// a dual-stack socket as ::ffff:1.2.3.4 matches a rule written as 1.2.3.4.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tutti::admin {

struct IpAddress {
    std::array<uint8_t, 16> bytes{};
    bool isV4() const;  // an IPv4-mapped address
    bool operator==(const IpAddress&) const = default;
};

// "1.2.3.4", "::1", "::ffff:1.2.3.4"; nullopt for anything else (no ports, no names).
std::optional<IpAddress> parseIp(std::string_view text);

class AddressPattern {
  public:
    // "192.0.2.7", "10.0.0.0/8", "2001:db8::/32", "::1". Host bits below the prefix are cleared
    // ("10.1.2.3/8" is 10.0.0.0/8): what a host part means there is a typo, not a second rule.
    static std::optional<AddressPattern> parse(std::string_view text);

    bool matches(const IpAddress& ip) const;
    // True when every address this pattern matches is also matched by `outer`.
    bool within(const AddressPattern& outer) const;
    // The normalised form: no "/32" or "/128" for single hosts, IPv4 in dotted form.
    std::string text() const;

  private:
    IpAddress network_;
    int prefixBits_ = 128;  // of the 128-bit (mapped) form
};

}  // namespace tutti::admin
