#include "src/admin/address_pattern.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace tutti::admin {

namespace {

constexpr std::array<uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
constexpr int kMappedBits = 96;

void clearHostBits(IpAddress& ip, int prefixBits) {
    for (int i = 0; i < 16; ++i) {
        const int keep = std::clamp(prefixBits - i * 8, 0, 8);
        ip.bytes[i] &= static_cast<uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
    }
}

}  // namespace

bool IpAddress::isV4() const {
    return std::memcmp(bytes.data(), kMappedPrefix.data(), kMappedPrefix.size()) == 0;
}

std::optional<IpAddress> parseIp(std::string_view text) {
    // inet_pton wants a terminated string and rejects surrounding junk, which is what we want.
    if (text.empty() || text.size() > INET6_ADDRSTRLEN) {
        return std::nullopt;
    }
    const std::string s(text);
    IpAddress ip;
    in_addr v4{};
    if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
        std::memcpy(ip.bytes.data(), kMappedPrefix.data(), kMappedPrefix.size());
        std::memcpy(ip.bytes.data() + 12, &v4, 4);
        return ip;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
        std::memcpy(ip.bytes.data(), &v6, 16);
        return ip;
    }
    return std::nullopt;
}

std::optional<AddressPattern> AddressPattern::parse(std::string_view text) {
    const std::size_t slash = text.find('/');
    const auto ip = parseIp(text.substr(0, slash));
    if (!ip) {
        return std::nullopt;
    }
    const int familyBits = ip->isV4() ? 32 : 128;
    int bits = familyBits;
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
        if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() ||
            bits < 0 || bits > familyBits) {
            return std::nullopt;
        }
    }
    AddressPattern p;
    p.network_ = *ip;
    p.prefixBits_ = ip->isV4() ? bits + kMappedBits : bits;
    clearHostBits(p.network_, p.prefixBits_);
    return p;
}

bool AddressPattern::matches(const IpAddress& ip) const {
    IpAddress masked = ip;
    clearHostBits(masked, prefixBits_);
    return masked == network_;
}

bool AddressPattern::within(const AddressPattern& outer) const {
    return outer.prefixBits_ <= prefixBits_ && outer.matches(network_);
}

std::string AddressPattern::text() const {
    char buf[INET6_ADDRSTRLEN] = {};
    int bits = prefixBits_;
    if (network_.isV4() && prefixBits_ >= kMappedBits) {
        inet_ntop(AF_INET, network_.bytes.data() + 12, buf, sizeof(buf));
        bits -= kMappedBits;
        return bits == 32 ? std::string(buf) : std::string(buf) + "/" + std::to_string(bits);
    }
    inet_ntop(AF_INET6, network_.bytes.data(), buf, sizeof(buf));
    return bits == 128 ? std::string(buf) : std::string(buf) + "/" + std::to_string(bits);
}

}  // namespace tutti::admin
