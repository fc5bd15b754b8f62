#include "src/directory/qt5_countries.h"

#include <cctype>

namespace tutti::directory {

std::string_view qt5CountryName(uint16_t number) {
    return number < kQt5CountryCount ? kQt5Countries[number].name : std::string_view{};
}

bool isQt5CountryNumber(long number) {
    return number >= 0 && number < static_cast<long>(kQt5CountryCount);
}

std::optional<uint16_t> qt5CountryFromIso2(std::string_view code) {
    if (code.size() != 2) {
        return std::nullopt;
    }
    char lower[2];
    for (std::size_t i = 0; i < 2; ++i) {
        lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    }
    for (std::size_t n = 0; n < kQt5CountryCount; ++n) {
        if (kQt5Countries[n].iso2 == std::string_view(lower, 2)) {
            return static_cast<uint16_t>(n);
        }
    }
    return std::nullopt;
}

}  // namespace tutti::directory
