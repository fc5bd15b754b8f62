// Checks made once the whole command line is read, before anything is started (CLI.md §3).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "options.h"

namespace tutti::app {

bool isIpv4Literal(const std::string& text);
bool isIpv6Literal(const std::string& text);

// Validates the addresses in options and, with --jsonrpcport, reads the secret file into
// options.jsonRpcSecret. Warnings are appended to lines; a fatal problem is returned as the
// error line to print before exiting with status 1.
std::optional<std::string> checkParsedOptions(ServerOptions& options,
                                              std::vector<std::string>& lines);

// The JSON-RPC secret: the first line of `path` without its line end (CLI.md 2.1). nullopt when
// the file cannot be read.
std::optional<std::string> readSecretFile(const std::string& path);

}  // namespace tutti::app
