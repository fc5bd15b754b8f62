// The `--directoryfile` persistence format (OPERATIONS.md 3.4), interchangeable with Jamulus:
// one registered server per line, newest first,
// `src ip:port;internal ip:port;base64 name;base64 city;country;max clients;permanent`.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "src/directory/server_list.h"

namespace tutti::directory {

std::string formatEndpoint(const Ipv4Endpoint& e);  // "a.b.c.d:port"
bool parseEndpoint(std::string_view text, Ipv4Endpoint& out);

// Servers in list order; the text has them in reverse order, as Jamulus writes it.
std::string formatServerListFile(const std::vector<RegisteredServer>& servers);

struct ParsedServerListFile {
    std::vector<RegisteredServer> servers;  // list order, refreshed "now"
    std::vector<std::string> lines;         // what Jamulus logs while loading
};
// Lenient like Jamulus: bad lines are skipped with a log line, bad fields get defaults.
ParsedServerListFile parseServerListFile(std::string_view content,
                                         std::chrono::steady_clock::time_point now,
                                         std::size_t maxServers);

// Start-up check of a headless directory (CLI.md 2.2): creates a missing file. Returns an empty
// string when the file can be used, else the message that disables persistence.
std::string prepareServerListFile(const std::string& path);
bool readWholeFile(const std::string& path, std::string& content);
// Writes a temporary file next to `path`, flushes it to disk and renames it over `path`, so a
// crash leaves either the old or the new list, never half of one. Returns an error text or "".
std::string writeFileAtomically(const std::string& path, std::string_view content);

}  // namespace tutti::directory
