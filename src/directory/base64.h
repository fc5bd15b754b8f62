#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tutti::directory {

// Standard alphabet with '=' padding: how the persistence file stores names and cities.
std::string base64Encode(std::string_view bytes);
// nullopt for characters outside the alphabet or a bad length.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace tutti::directory
