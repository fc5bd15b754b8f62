#include "src/directory/directory_address.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace tutti::directory {
namespace {

struct GenreDirectory {
    std::string_view host;
    uint16_t port;
};

// JSONRPC.md 6.1; the jamulus.io names are what 3.9.1 .. 3.12.0 used.
constexpr std::array<GenreDirectory, 14> kGenreDirectories = {{
    {"anygenre1.jamulus.app", 22124},
    {"anygenre1.jamulus.io", 22124},
    {"anygenre2.jamulus.app", 22224},
    {"anygenre2.jamulus.io", 22224},
    {"asia.jamulus.app", 22624},
    {"anygenre3.jamulus.io", 22624},
    {"rock.jamulus.app", 22424},
    {"rock.jamulus.io", 22424},
    {"jazz.jamulus.app", 22324},
    {"jazz.jamulus.io", 22324},
    {"classical.jamulus.app", 22524},
    {"classical.jamulus.io", 22524},
    {"choral.jamulus.app", 22724},
    {"choral.jamulus.io", 22724},
}};

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool parsePort(std::string_view text, uint16_t& port) {
    unsigned value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value > 65535) {
        return false;
    }
    port = static_cast<uint16_t>(value);
    return true;
}

}  // namespace

DirectoryAddress parseDirectoryAddress(std::string_view text) {
    DirectoryAddress out;
    out.text = std::string(text);
    if (text.empty()) {
        return out;
    }
    if (lowerCase(text) == "localhost" || text == "127.0.0.1") {
        out.kind = DirectoryAddress::Kind::BeDirectory;
        return out;
    }
    out.kind = DirectoryAddress::Kind::Invalid;
    if (text.front() == '[' || std::count(text.begin(), text.end(), ':') > 1) {
        return out;  // IPv6: Jamulus registers over IPv4 only
    }
    const std::size_t colon = text.find(':');
    const std::string_view host = text.substr(0, colon);
    if (host.empty()) {
        return out;
    }
    out.host = std::string(host);
    if (colon != std::string_view::npos) {
        if (!parsePort(text.substr(colon + 1), out.port)) {
            return out;
        }
    } else {
        const std::string lower = lowerCase(host);
        for (const GenreDirectory& g : kGenreDirectories) {
            if (g.host == lower) {
                out.port = g.port;
            }
        }
    }
    out.kind = DirectoryAddress::Kind::Register;
    return out;
}

}  // namespace tutti::directory
