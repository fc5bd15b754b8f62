// Numeric option values, read the way Jamulus reads them so that the same command lines work.
#pragma once

#include <optional>
#include <string>

namespace tutti::app {

// strtod over the whole text (leading white space, hex and exponent forms accepted, anything
// left over rejected), then the range check on the double, then truncation toward zero.
// Empty text reads as 0, as with strtod. nullopt: not a number or out of [min, max].
std::optional<int> parseNumericArgument(const std::string& text, double min, double max);

}  // namespace tutti::app
