#include <gtest/gtest.h>

#include <set>
#include <string>

#include "src/app/options_table.h"

namespace tutti::app {
namespace {

TEST(OptionTable, EveryNameIsUniqueAndFindable) {
    std::set<std::string_view> seen;
    for (const OptionDescriptor& option : optionTable()) {
        for (std::string_view name : option.names) {
            if (name.empty()) {
                continue;
            }
            EXPECT_TRUE(seen.insert(name).second) << name;
            EXPECT_EQ(findOption(name), &option) << name;
        }
    }
    EXPECT_EQ(findOption(""), nullptr);
    EXPECT_EQ(findOption("--nope"), nullptr);
}

TEST(OptionTable, EveryOptionHasALongName) {
    for (const OptionDescriptor& option : optionTable()) {
        EXPECT_TRUE(longName(option).starts_with("--")) << option.names[0];
    }
    EXPECT_EQ(longName(*findOption("-e")), "--directoryaddress");
    EXPECT_EQ(longName(*findOption("-?")), "--help");
}

TEST(OptionTable, ServerOptionsDescribeThemselves) {
    for (const OptionDescriptor& option : optionTable()) {
        if (option.group == OptionGroup::ClientOnly) {
            continue;
        }
        const std::string name(option.names[0]);
        EXPECT_FALSE(option.help.empty()) << name;
        const bool isAction = option.id == OptionId::Help || option.id == OptionId::Version;
        EXPECT_EQ(option.startupLine.empty(), isAction) << name;
        const bool takesValue = option.value != ValueKind::None;
        EXPECT_EQ(option.startupLine.find("{}") != std::string_view::npos, takesValue) << name;
        EXPECT_EQ(!option.valueName.empty(), takesValue) << name;
        if (option.value == ValueKind::Number) {
            EXPECT_LT(option.min, option.max) << name;
        }
    }
}

}  // namespace
}  // namespace tutti::app
