// The " *** " banner shown by -v and at start-up.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tutti::app {

// One entry per line, without newlines. Tools that parse Jamulus' banner only read the first
// line, " *** <name>, Version <version>", so that shape is kept.
std::vector<std::string> versionBannerLines(std::string_view version);

}  // namespace tutti::app
