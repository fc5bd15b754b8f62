#include "src/directory/server_info_option.h"

#include <charconv>
#include <cstdlib>

#include "src/directory/qt5_countries.h"
#include "src/directory/text_limits.h"

namespace tutti::directory {
namespace {

std::vector<std::string_view> splitFields(std::string_view text) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(';', start);
        fields.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
        if (at == std::string_view::npos) {
            return fields;
        }
        start = at + 1;
    }
}

std::optional<long> wholeNumber(std::string_view text) {
    long value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

std::string cutWithNote(std::string_view text, const char* what, std::vector<std::string>& lines) {
    std::string cut = protocol::cutToUtf16Length(text, kServerTextUnits);
    if (cut.size() != text.size()) {
        lines.push_back(std::string("Server info: ") + what + " cut to 20 characters: \"" + cut +
                        "\"");
    }
    return cut;
}

}  // namespace

ServerInfoOption parseServerInfo(std::string_view value, bool given, uint16_t defaultCountry) {
    ServerInfoOption out;
    out.identity.country = defaultCountry;
    if (!given) {
        return out;
    }
    const std::vector<std::string_view> fields = splitFields(value);
    if (fields.size() < 3) {
        out.lines.push_back("\"--serverinfo '" + std::string(value) +
                            "'\": must contain [name];[city];[country] - value will be ignored");
        return out;
    }
    out.identity.name = cutWithNote(fields[0], "name", out.lines);
    out.identity.city = cutWithNote(fields[1], "city", out.lines);

    const std::string_view countryText = fields[2];
    if (const std::optional<long> number = wholeNumber(countryText)) {
        if (isQt5CountryNumber(*number)) {
            out.identity.country = static_cast<uint16_t>(*number);
        } else {
            out.lines.push_back("Server info: country/region number " + std::string(countryText) +
                                " is not one of 0..261 (Qt 5 numbering); using \"" +
                                std::string(qt5CountryName(defaultCountry)) + "\"");
        }
    } else if (const std::optional<uint16_t> byCode = qt5CountryFromIso2(countryText)) {
        out.identity.country = *byCode;
    } else {
        out.lines.push_back("Server info: country/region \"" + std::string(countryText) +
                            "\" is neither a Qt 5 number nor a known two-letter code; using \"" +
                            std::string(qt5CountryName(defaultCountry)) + "\"");
    }
    out.lines.push_back("Using server info: name = \"" + out.identity.name + "\", city = \"" +
                        out.identity.city + "\", country/region = \"" + std::string(countryText) +
                        "\" (" + std::string(qt5CountryName(out.identity.country)) + ")");
    return out;
}

uint16_t countryFromLocaleName(std::string_view localeName) {
    const std::size_t underscore = localeName.find('_');
    if (underscore == std::string_view::npos || underscore + 3 > localeName.size()) {
        return 0;
    }
    const std::string_view territory = localeName.substr(underscore + 1, 2);
    return qt5CountryFromIso2(territory).value_or(0);
}

uint16_t defaultCountryFromEnvironment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (const char* v = std::getenv(name); v != nullptr && *v != '\0') {
            return countryFromLocaleName(v);
        }
    }
    return 0;
}

}  // namespace tutti::directory
