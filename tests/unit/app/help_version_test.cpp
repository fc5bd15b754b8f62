#include <gtest/gtest.h>

#include <sstream>

#include "src/app/help_text.h"
#include "src/app/options_table.h"
#include "src/app/version_banner.h"

namespace tutti::app {
namespace {

// The help entry (first line plus continuation lines) of the option named `name`.
std::string entryFor(const std::string& help, std::string_view name) {
    std::istringstream in(help);
    std::string line;
    std::string entry;
    while (std::getline(in, line)) {
        if (!entry.empty()) {
            if (!line.starts_with("   ")) {
                break;
            }
            entry += line;
        } else if (line.starts_with("  -") && line.find(name) != std::string::npos) {
            entry = line;
        }
    }
    return entry;
}

TEST(HelpText, HasTheJamulusGroupsAndEveryName) {
    const std::string help = helpText("prog");
    EXPECT_TRUE(help.starts_with("Usage: prog "));
    EXPECT_NE(help.find("\nCommon options:\n"), std::string::npos);
    EXPECT_NE(help.find("\nServer only:\n"), std::string::npos);
    EXPECT_NE(help.find("Client only"), std::string::npos);
    EXPECT_NE(help.find("Example: prog "), std::string::npos);
    EXPECT_TRUE(help.ends_with("\n"));
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);) {
        EXPECT_LE(line.size(), 80u) << line;
    }
    for (const OptionDescriptor& option : optionTable()) {
        for (std::string_view name : option.names) {
            EXPECT_NE(help.find(name), std::string::npos) << name;
        }
    }
}

TEST(HelpText, MarksOptionsNotSupportedYet) {
    const std::string help = helpText("prog");
    EXPECT_NE(entryFor(help, "--noraw").find("(not supported yet)"), std::string::npos);
    EXPECT_EQ(entryFor(help, "--multithreading").find("not supported"), std::string::npos);
    EXPECT_EQ(entryFor(help, "--centralserver").find("not supported"), std::string::npos);
    EXPECT_EQ(entryFor(help, "--port").find("not supported"), std::string::npos);
    EXPECT_EQ(entryFor(help, "--welcomemessage").find("not supported"), std::string::npos);
}

TEST(VersionBanner, KeepsTheJamulusShape) {
    const std::vector<std::string> lines = versionBannerLines("3.11.0-tutti-0.1.0");
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(lines[0], " *** Tutti, Version 3.11.0-tutti-0.1.0");
    EXPECT_EQ(lines[1], " *** Low-latency Jamulus-compatible jam server");
    bool mentionsLicence = false;
    for (const std::string& line : lines) {
        EXPECT_TRUE(line.starts_with(" *** ")) << line;
        EXPECT_EQ(line.find('\n'), std::string::npos);
        mentionsLicence |= line.find("GPL-2.0-or-later") != std::string::npos;
    }
    EXPECT_TRUE(mentionsLicence);
}

}  // namespace
}  // namespace tutti::app
