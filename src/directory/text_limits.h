#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tutti::directory {

// Jamulus limits server names and cities to 20 characters as QString counts them (UTF-16 code
// units). Cuts at a code point boundary so the result stays valid UTF-8 when the input was.
std::string cutToUtf16Units(std::string_view utf8, std::size_t maxUnits);

inline constexpr std::size_t kServerTextUnits = 20;

}  // namespace tutti::directory
