#include "protocol/messages.h"

#include <type_traits>
#include <utility>

namespace tutti::protocol {
namespace {

// Every alternative except the trailing UnknownMsg has a kId; they are tried in turn.
constexpr std::size_t kTypedAlternatives = std::variant_size_v<AnyMessage> - 1;

template <std::size_t... I>
std::optional<std::optional<AnyMessage>> decodeTyped(std::uint16_t id,
                                                     std::span<const std::uint8_t> payload,
                                                     std::index_sequence<I...>) {
    std::optional<std::optional<AnyMessage>> result;
    // Short-circuits at the alternative whose id matches.
    (void)((id == std::variant_alternative_t<I, AnyMessage>::kId
                ? (result.emplace(std::variant_alternative_t<I, AnyMessage>::decode(payload)), true)
                : false) ||
           ...);
    return result;
}

template <std::size_t... I>
constexpr bool knownId(std::uint16_t id, std::index_sequence<I...>) {
    return ((id == std::variant_alternative_t<I, AnyMessage>::kId) || ...);
}

}  // namespace

std::optional<AnyMessage> decodeMessage(std::uint16_t id, std::span<const std::uint8_t> payload) {
    auto typed = decodeTyped(id, payload, std::make_index_sequence<kTypedAlternatives>{});
    if (typed) {
        return std::move(*typed);
    }
    return AnyMessage{UnknownMsg{id, std::vector<std::uint8_t>(payload.begin(), payload.end())}};
}

std::vector<std::uint8_t> encodeMessage(const AnyMessage& message) {
    return std::visit([](const auto& m) { return m.encode(); }, message);
}

std::uint16_t messageId(const AnyMessage& message) {
    return std::visit(
        [](const auto& m) -> std::uint16_t {
            if constexpr (std::is_same_v<std::decay_t<decltype(m)>, UnknownMsg>) {
                return m.id;
            } else {
                return std::decay_t<decltype(m)>::kId;
            }
        },
        message);
}

bool isKnownId(std::uint16_t id) {
    return knownId(id, std::make_index_sequence<kTypedAlternatives>{});
}

}  // namespace tutti::protocol
