// The value of `-e/--directoryaddress` (CLI.md 2.2): nothing, "be a directory", or where to
// register.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tutti::directory {

inline constexpr uint16_t kDefaultDirectoryPort = 22124;

struct DirectoryAddress {
    enum class Kind {
        None,         // empty: do not register
        BeDirectory,  // exactly "localhost" (any case) or "127.0.0.1"
        Register,     // host and port below
        Invalid,      // unparsable (bad port, IPv6: directory traffic is IPv4 only)
    };
    Kind kind = Kind::None;
    std::string host;  // name or IPv4 literal, without brackets
    uint16_t port = kDefaultDirectoryPort;
    std::string text;  // as given, for log lines
};

// Accepts host, host:port, a.b.c.d:port. A built-in genre directory host name without a port
// gets that directory's own port (rock.jamulus.app -> 22424), so `-e rock.jamulus.app` reaches
// the rock directory instead of a port nobody listens on.
DirectoryAddress parseDirectoryAddress(std::string_view text);

}  // namespace tutti::directory
