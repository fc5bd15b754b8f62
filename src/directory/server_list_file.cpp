#include "src/directory/server_list_file.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "src/directory/base64.h"
#include "src/directory/qt5_countries.h"
#include "src/directory/text_limits.h"

namespace tutti::directory {
namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(sep, start);
        if (at == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, at - start));
        start = at + 1;
    }
}

template <typename T>
bool parseNumber(std::string_view text, T& out) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return !text.empty() && ec == std::errc{} && ptr == end;
}

std::string decodedText(std::string_view field) {
    return protocol::cutToUtf16Length(base64Decode(field).value_or(std::string{}),
                                      kServerTextUnits);
}

}  // namespace

std::string formatEndpoint(const Ipv4Endpoint& e) {
    in_addr a{htonl(e.ip)};
    char buf[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &a, buf, sizeof(buf));
    return std::string(buf) + ":" + std::to_string(e.port);
}

bool parseEndpoint(std::string_view text, Ipv4Endpoint& out) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        return false;
    }
    const std::string ip(text.substr(0, colon));
    in_addr a{};
    unsigned port = 0;
    if (inet_pton(AF_INET, ip.c_str(), &a) != 1 || !parseNumber(text.substr(colon + 1), port) ||
        port > 65535) {
        return false;
    }
    out = {ntohl(a.s_addr), static_cast<uint16_t>(port)};
    return true;
}

std::string formatServerListFile(const std::vector<RegisteredServer>& servers) {
    std::string out;
    for (auto it = servers.rbegin(); it != servers.rend(); ++it) {
        out += formatEndpoint(it->source) + ";" + formatEndpoint(it->internal) + ";" +
               base64Encode(it->name) + ";" + base64Encode(it->city) + ";" +
               std::to_string(it->country) + ";" + std::to_string(it->maxClients) + ";" +
               (it->permanent ? "1" : "0") + "\n";
    }
    return out;
}

ParsedServerListFile parseServerListFile(std::string_view content,
                                         std::chrono::steady_clock::time_point now,
                                         std::size_t maxServers) {
    ParsedServerListFile out;
    std::vector<RegisteredServer> newestFirst;
    for (std::string_view line : split(content, '\n')) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            continue;
        }
        const std::string shown(line);
        const std::vector<std::string_view> f = split(line, ';');
        if (f.size() != 7) {
            out.lines.push_back("Could not parse '" + shown + "' successfully - bad line");
            continue;
        }
        RegisteredServer s;
        if (!parseEndpoint(f[0], s.source)) {
            out.lines.push_back("Skipping '" + shown + "' - invalid host");
            continue;
        }
        bool duplicate = false;
        for (const RegisteredServer& seen : newestFirst) {
            duplicate = duplicate || seen.source == s.source;
        }
        if (duplicate) {
            out.lines.push_back("Skipping '" + shown + "' - duplicate host " + std::string(f[0]));
            continue;
        }
        if (newestFirst.size() >= maxServers) {
            out.lines.push_back("Skipping '" + shown + "' - server list full");
            continue;
        }
        if (!parseEndpoint(f[1], s.internal)) {
            s.internal = s.source;
        }
        if (s.internal.port == 0) {
            s.internal.port = s.source.port;
        }
        s.name = decodedText(f[2]);
        s.city = decodedText(f[3]);
        long country = 0;
        s.country = parseNumber(f[4], country) && isQt5CountryNumber(country)
                        ? static_cast<uint16_t>(country)
                        : 0;
        unsigned maxClients = 0;
        s.maxClients = parseNumber(f[5], maxClients) && maxClients <= 255
                           ? static_cast<uint8_t>(maxClients)
                           : 10;
        s.permanent = f[6] == "1" ? 1 : 0;
        s.refreshedAt = now;
        out.lines.push_back("Loading registration for " + formatEndpoint(s.source) + " (" +
                            formatEndpoint(s.internal) + "): " + s.name);
        newestFirst.push_back(std::move(s));
    }
    out.servers.assign(newestFirst.rbegin(), newestFirst.rend());
    return out;
}

std::string prepareServerListFile(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
        if (fd < 0) {
            return "Cannot create " + path + " for reading and writing.  Please check permissions.";
        }
        ::close(fd);
        return {};
    }
    if (!S_ISREG(st.st_mode)) {
        return "Server list file " + path + " must be a plain file.  Please check the name.";
    }
    if (::access(path.c_str(), R_OK | W_OK) != 0) {
        return "Server list file " + path +
               " must be readable and writeable.  Please check the permissions.";
    }
    return {};
}

bool readWholeFile(const std::string& path, std::string& content) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    content = buffer.str();
    return true;
}

std::string writeFileAtomically(const std::string& path, std::string_view content) {
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) {
        return "cannot create " + temp + ": " + std::strerror(errno);
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string err = std::strerror(errno);
            ::close(fd);
            ::unlink(temp.c_str());
            return "cannot write " + temp + ": " + err;
        }
        done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || ::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string err = std::strerror(errno);
        ::unlink(temp.c_str());
        return "cannot replace " + path + ": " + err;
    }
    return {};
}

}  // namespace tutti::directory
