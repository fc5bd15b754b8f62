#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tutti::control {

// Jamulus counts text limits in UTF-16 code units (QString::length). Length of UTF-8 text in
// those units; malformed bytes count one unit each.
std::size_t utf16Units(std::string_view utf8);

// The longest prefix of `utf8` within `maxUnits` UTF-16 units, never cutting a code point.
std::string cutToUtf16Units(std::string_view utf8, std::size_t maxUnits);

}  // namespace tutti::control
