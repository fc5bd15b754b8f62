#include "src/rpc/secret_compare.h"

#include <cstddef>

namespace tutti::rpc {

bool secretMatches(std::string_view offered, std::string_view expected) {
    // Every byte of the expected secret is visited whatever the offer looks like; only the offer's
    // own length (which the attacker knows anyway) influences the work done.
    unsigned difference = offered.size() == expected.size() ? 0u : 1u;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const unsigned char given =
            i < offered.size() ? static_cast<unsigned char>(offered[i]) : 0u;
        difference |= given ^ static_cast<unsigned char>(expected[i]);
    }
    // Keep the compiler from turning the loop into an early-exit comparison.
    volatile unsigned result = difference;
    return result == 0;
}

}  // namespace tutti::rpc
