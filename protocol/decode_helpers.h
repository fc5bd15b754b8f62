#pragma once

#include <optional>
#include <utility>

#include "protocol/byte_io.h"

namespace tutti::protocol {

// Every fixed or string layout in the protocol must be consumed exactly: a short read or a
// trailing byte makes the whole message invalid.
template <typename Msg>
std::optional<Msg> acceptIfExact(const ByteReader& reader, Msg msg) {
    if (!reader.atEnd()) {
        return std::nullopt;
    }
    return std::optional<Msg>(std::move(msg));
}

}  // namespace tutti::protocol
