#include "protocol/html_escape.h"

#include <gtest/gtest.h>

namespace tutti::protocol {
namespace {

TEST(HtmlEscape, EscapesAllFourCharacters) {
    EXPECT_EQ(escapeHtml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c'");
    EXPECT_EQ(escapeHtml(""), "");
    EXPECT_EQ(escapeHtml("K\xC3\xB6ln"), "K\xC3\xB6ln");  // UTF-8 passes unchanged
}

}  // namespace
}  // namespace tutti::protocol
