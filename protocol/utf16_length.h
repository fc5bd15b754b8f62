#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tutti::protocol {

// Length of a UTF-8 byte string in UTF-16 code units, the unit in which Jamulus (through
// QString::length) enforces every string limit. Invalid input is counted the way a replacing
// decoder sees it: one replacement character per byte that does not start a well-formed
// sequence, so malformed text is measured, never rejected.
std::size_t utf16Length(std::string_view utf8);

// The longest prefix of `utf8` within `maxUnits` UTF-16 units, counted as utf16Length counts,
// never cutting a well-formed code point (the result stays valid UTF-8 when the input was).
std::string cutToUtf16Length(std::string_view utf8, std::size_t maxUnits);

}  // namespace tutti::protocol
