#pragma once

#include <string_view>

namespace tutti::simclient {

// Whether a version text such as "3.9.1" or "3.11.0-tutti-0.1.0" is at least major.minor.patch,
// comparing only the leading dotted numbers as a Jamulus client does.
bool versionAtLeast(std::string_view version, int major, int minor, int patch);

}  // namespace tutti::simclient
