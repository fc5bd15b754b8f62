#pragma once

#include <cstddef>

#include "protocol/utf16_length.h"

namespace tutti::directory {

// Jamulus limits server names and cities to 20 characters as QString counts them (UTF-16 code
// units); protocol::cutToUtf16Length cuts to that.
inline constexpr std::size_t kServerTextUnits = 20;

}  // namespace tutti::directory
