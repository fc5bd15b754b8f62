#include "src/server/chat_format.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace tutti::server {
namespace {

TEST(ChatFormat, MatchesTheCapturedJamulusLine) {
    setenv("TZ", "UTC", 1);
    tzset();
    // 2026-11-21 20:51:37 UTC, the time of the chat in capture 01.
    const std::time_t when = 1795294297;
    EXPECT_EQ(
        formatChatLine(0, "Alice B.", "hello from Alice <3", when),
        "<font color=\"mediumblue\">(08:51:37 PM) <b>Alice B.</b></font> hello from Alice &lt;3");
}

TEST(ChatFormat, ColourFollowsChannelIdModuloSix) {
    EXPECT_NE(formatChatLine(1, "x", "y", 0).find("\"red\""), std::string::npos);
    EXPECT_NE(formatChatLine(5, "x", "y", 0).find("\"coral\""), std::string::npos);
    EXPECT_NE(formatChatLine(6, "x", "y", 0).find("\"mediumblue\""), std::string::npos);
}

TEST(ChatFormat, WelcomeHasThePrefixClientsLookFor) {
    EXPECT_EQ(formatWelcome("<i>hi</i>"), "<b>Server Welcome Message:</b> <i>hi</i>");
}

}  // namespace
}  // namespace tutti::server
