#include "options_number.h"

#include <cmath>
#include <cstdlib>

namespace tutti::app {

std::optional<int> parseNumericArgument(const std::string& text, double min, double max) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    // Jamulus lets NaN through (every comparison is false) and then converts it, which is
    // undefined behaviour; refusing it is the only sane reading.
    if (*end != '\0' || std::isnan(value) || value < min || value > max) {
        return std::nullopt;
    }
    return static_cast<int>(value);
}

}  // namespace tutti::app
