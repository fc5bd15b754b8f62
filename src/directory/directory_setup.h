// Turns the directory-related options into a DirectoryConfig, with the start-up checks and lines
// of CLI.md 3 and 4 (`--directoryfile`, `-f`, `--serverpublicip`, "Using server info", ...).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "src/directory/directory_service.h"
#include "src/directory/local_address.h"

namespace tutti::directory {

struct DirectoryOptions {
    std::string directoryAddress;  // -e as given
    std::string serverInfo;        // -o as given; empty = not given
    std::string directoryFile;
    std::string listFilter;
    std::string serverPublicIp;
    int maxClients = 10;
    uint16_t serverPort = 22124;
    std::string version;
    uint16_t defaultCountry = 0;
};

struct DirectorySetup {
    std::optional<DirectoryConfig> config;  // nullopt: no directory role (no -e)
    std::vector<std::string> lines;         // for stderr, in order
    ServerIdentity identity;                // from -o, with or without a directory role
};

// `detectLocalIp` is only called when a directory role needs an own address and none was given.
DirectorySetup setUpDirectory(const DirectoryOptions& o,
                              const std::function<LocalAddress()>& detectLocalIp);

}  // namespace tutti::directory
