// The Qt 5 country numbering Jamulus puts on the wire, with the names Qt shows and the two-letter
// codes `-o NAME;CITY;xx` accepts.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tutti::directory {

struct Qt5Country {
    std::string_view name;
    std::string_view iso2;  // lower case; empty when Qt 5 has no locale for the country
};

inline constexpr std::size_t kQt5CountryCount = 262;  // numbers 0 ("Default") .. 261
extern const std::array<Qt5Country, kQt5CountryCount> kQt5Countries;

// "Default" for 0, empty for numbers Qt 5 does not know.
std::string_view qt5CountryName(uint16_t number);
bool isQt5CountryNumber(long number);
// Any letter case ("DE", "de", "De"); nullopt for codes no Qt 5 locale uses.
std::optional<uint16_t> qt5CountryFromIso2(std::string_view code);

}  // namespace tutti::directory
