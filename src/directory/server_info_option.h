// `-o/--serverinfo "NAME;CITY;COUNTRY"`: how server lists show this server (CLI.md 2.2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::directory {

struct ServerIdentity {
    std::string name;  // at most 20 UTF-16 units
    std::string city;  // at most 20 UTF-16 units
    uint16_t country = 0;
    bool operator==(const ServerIdentity&) const = default;
};

struct ServerInfoOption {
    ServerIdentity identity;
    // Start-up lines for stderr: warnings first, then "Using server info: ..." when -o was usable.
    std::vector<std::string> lines;
};

// `value` is -o as given, nullptr-free; `given` false means no -o on the command line. A country
// is a Qt 5 number (0..261) or a two-letter code in any letter case; anything else keeps
// `defaultCountry` and says why.
ServerInfoOption parseServerInfo(std::string_view value, bool given, uint16_t defaultCountry);

// The country of a POSIX locale name ("de_DE.UTF-8" -> 82); 0 ("Default") for C, POSIX or no
// territory, as Qt 5 does.
uint16_t countryFromLocaleName(std::string_view localeName);
// From LC_ALL, else LC_MESSAGES, else LANG.
uint16_t defaultCountryFromEnvironment();

}  // namespace tutti::directory
