#pragma once

#include <cstdint>
#include <optional>

namespace tutti::loadgen {

// On loopback the whole of 127.0.0.0/8 is local, so one socket can speak for every simulated
// client, each from an address of its own, which is what distinct musicians look like to a
// server. Client i is 127.0.(i / 250).(i % 250 + 2): never 127.0.0.1 (the server's and the
// tests' own address) and never a .0, .1 or .255 host, and clear of tools/flood's 127.2/16.
inline constexpr int kMaxSourceAddresses = 250 * 256;

// Host byte order. `index` in [0, kMaxSourceAddresses).
std::uint32_t sourceAddressOf(int index);

// The client a (host-order) address belongs to, if it is one of the first `clients`.
std::optional<int> clientOfSourceAddress(std::uint32_t hostOrderIp, int clients);

}  // namespace tutti::loadgen
