#pragma once

#include <cstddef>
#include <string_view>

namespace tutti::protocol {

// Length of a UTF-8 byte string in UTF-16 code units, the unit in which Jamulus (through
// QString::length) enforces every string limit. Invalid input is counted the way a replacing
// decoder sees it: one replacement character per byte that does not start a well-formed
// sequence, so malformed text is measured, never rejected.
std::size_t utf16Length(std::string_view utf8);

}  // namespace tutti::protocol
