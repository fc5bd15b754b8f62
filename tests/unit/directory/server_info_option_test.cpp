#include "src/directory/server_info_option.h"

#include <gtest/gtest.h>

#include "src/directory/qt5_countries.h"

namespace tutti::directory {
namespace {

TEST(Qt5Countries, NamesAndCodesFromTheSpecTable) {
    EXPECT_EQ(qt5CountryName(0), "Default");
    EXPECT_EQ(qt5CountryName(14), "Austria");
    EXPECT_EQ(qt5CountryName(82), "Germany");
    EXPECT_EQ(qt5CountryName(261), "Europe");
    EXPECT_EQ(qt5CountryName(262), "");
    EXPECT_EQ(qt5CountryFromIso2("de"), 82);
    EXPECT_EQ(qt5CountryFromIso2("DE"), 82);
    EXPECT_EQ(qt5CountryFromIso2("xk"), 257);
    EXPECT_EQ(qt5CountryFromIso2("aq"), std::nullopt);  // Antarctica has no Qt 5 locale
    EXPECT_EQ(qt5CountryFromIso2("zz"), std::nullopt);
    EXPECT_EQ(qt5CountryFromIso2("d"), std::nullopt);
}

TEST(ServerInfoOption, NameCityAndNumericCountry) {
    const ServerInfoOption o = parseServerInfo("Test Srv;Town;82", true, 0);
    EXPECT_EQ(o.identity, (ServerIdentity{"Test Srv", "Town", 82}));
    EXPECT_EQ(o.lines,
              std::vector<std::string>{"Using server info: name = \"Test Srv\", city = \"Town\", "
                                       "country/region = \"82\" (Germany)"});
}

TEST(ServerInfoOption, TwoLetterCodesInAnyCase) {
    EXPECT_EQ(parseServerInfo("a;b;de", true, 0).identity.country, 82);
    EXPECT_EQ(parseServerInfo("a;b;DE", true, 0).identity.country, 82);
    EXPECT_EQ(parseServerInfo("a;b;At", true, 0).identity.country, 14);
}

TEST(ServerInfoOption, NameAndCityAreCutTo20Utf16Units) {
    const ServerInfoOption o =
        parseServerInfo("My Server Name Too Long;Some Really Long City;0", true, 0);
    EXPECT_EQ(o.identity.name, "My Server Name Too L");
    EXPECT_EQ(o.identity.city, "Some Really Long Cit");
    // 21 two-byte characters: cut to 20 characters, not 20 bytes.
    std::string umlauts;
    for (int i = 0; i < 21; ++i) {
        umlauts += "\xc3\xa4";
    }
    EXPECT_EQ(parseServerInfo(umlauts + ";x;0", true, 0).identity.name, umlauts.substr(0, 40));
}

TEST(ServerInfoOption, InvalidCountryKeepsTheDefaultAndSaysWhy) {
    const ServerInfoOption byNumber = parseServerInfo("a;b;262", true, 225);
    EXPECT_EQ(byNumber.identity.country, 225);
    ASSERT_EQ(byNumber.lines.size(), 2u);
    EXPECT_NE(byNumber.lines[0].find("262"), std::string::npos);
    const ServerInfoOption byCode = parseServerInfo("a;b;zz", true, 0);
    EXPECT_EQ(byCode.identity.country, 0);
    EXPECT_NE(byCode.lines[0].find("\"zz\""), std::string::npos);
    EXPECT_EQ(byCode.lines.back(),
              "Using server info: name = \"a\", city = \"b\", country/region = \"zz\" (Default)");
    EXPECT_EQ(parseServerInfo("a;b;-1", true, 0).identity.country, 0);
}

TEST(ServerInfoOption, FewerThanThreeFieldsAreIgnoredWithAWarning) {
    const ServerInfoOption o = parseServerInfo("only;two", true, 82);
    EXPECT_EQ(o.identity, (ServerIdentity{"", "", 82}));
    EXPECT_EQ(o.lines, std::vector<std::string>{
                           "\"--serverinfo 'only;two'\": must contain [name];[city];[country] - "
                           "value will be ignored"});
}

TEST(ServerInfoOption, NotGivenPrintsNothing) {
    const ServerInfoOption o = parseServerInfo("", false, 14);
    EXPECT_TRUE(o.lines.empty());
    EXPECT_EQ(o.identity.country, 14);
}

TEST(ServerInfoOption, ExtraFieldsAreIgnored) {
    EXPECT_EQ(parseServerInfo("a;b;14;extra", true, 0).identity, (ServerIdentity{"a", "b", 14}));
}

TEST(ServerInfoOption, DefaultCountryFromTheLocaleName) {
    EXPECT_EQ(countryFromLocaleName("de_DE.UTF-8"), 82);
    EXPECT_EQ(countryFromLocaleName("en_US.UTF-8"), 225);
    EXPECT_EQ(countryFromLocaleName("C"), 0);
    EXPECT_EQ(countryFromLocaleName("POSIX"), 0);
    EXPECT_EQ(countryFromLocaleName("C.UTF-8"), 0);
}

}  // namespace
}  // namespace tutti::directory
