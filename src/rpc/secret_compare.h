// Compares an offered secret with the configured one in time that does not depend on where they
// first differ, so response timing tells an attacker nothing about a correct prefix.
#pragma once

#include <string_view>

namespace tutti::rpc {

bool secretMatches(std::string_view offered, std::string_view expected);

}  // namespace tutti::rpc
