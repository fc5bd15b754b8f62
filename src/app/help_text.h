// The -h / --help text, generated from the option table so it never drifts from the parser.
#pragma once

#include <string>
#include <string_view>

namespace tutti::app {

// argv0 is used in the usage and example lines. Ends with a newline.
std::string helpText(std::string_view argv0);

}  // namespace tutti::app
