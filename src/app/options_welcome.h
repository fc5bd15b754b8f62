// The -w value: either the welcome text itself or the name of a file holding it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tutti::app {

// Jamulus limits the welcome message to this many UTF-16 code units (its QString length).
inline constexpr std::size_t kMaxWelcomeMessageUtf16Units = 1600;

// If value names a readable regular file (relative to the working directory), its whole UTF-8
// text (BOM dropped, CRLF read as LF), else value itself; then cut to the limit above.
// Empty means "no welcome message".
std::string resolveWelcomeMessage(const std::string& value);

// The longest prefix of utf8 that fits in maxUnits UTF-16 code units, never ending inside a
// UTF-8 sequence or between the halves of a surrogate pair. Malformed bytes become U+FFFD,
// as a Qt string would hold them, so the count matches what Jamulus clients see.
std::string truncateToUtf16Units(std::string_view utf8, std::size_t maxUnits);

}  // namespace tutti::app
