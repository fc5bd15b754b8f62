#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/byte_io.h"

namespace tutti::protocol::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

// A u16-counted string as it appears on the wire.
inline Bytes str16(const std::string& s) {
    Bytes out;
    ByteWriter(out).string16(s);
    return out;
}

inline Bytes str8(const std::string& s) {
    Bytes out;
    ByteWriter(out).string8(s);
    return out;
}

// n copies of a UTF-8 sequence.
inline std::string repeat(const std::string& unit, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += unit;
    }
    return out;
}

// Decodes and re-encodes, expecting the same bytes: proof that nothing was lost.
template <typename Msg>
bool roundTrips(const Bytes& payload) {
    const auto m = Msg::decode(payload);
    return m && m->encode() == payload;
}

}  // namespace tutti::protocol::test
