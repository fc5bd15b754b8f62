#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tutti::protocol {

// A message that carries no payload; each id gets its own type so they can live side by side
// in a std::variant. Jamulus never looks at the payload of these messages, so decode accepts
// any payload rather than rejecting what a real peer would act on.
template <std::uint16_t Id>
struct EmptyMsg {
    static constexpr std::uint16_t kId = Id;

    std::vector<std::uint8_t> encode() const { return {}; }
    static std::optional<EmptyMsg> decode(std::span<const std::uint8_t> /*payload*/) {
        return EmptyMsg{};
    }
    bool operator==(const EmptyMsg&) const = default;
};

}  // namespace tutti::protocol
