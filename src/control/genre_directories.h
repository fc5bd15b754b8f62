#pragma once

#include <string>

#include "src/control/operator_api.h"

namespace tutti::control {

// The built-in directory of a genre type (JSONRPC.md 6.1, newest addresses), "host:port";
// "" for None and Custom.
std::string builtInDirectoryAddress(DirectoryType type);

}  // namespace tutti::control
