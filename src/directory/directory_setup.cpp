#include "src/directory/directory_setup.h"

#include <arpa/inet.h>

#include "src/directory/server_list_file.h"

namespace tutti::directory {

namespace {
bool isIpv4(const std::string& text) {
    in_addr a{};
    return inet_pton(AF_INET, text.c_str(), &a) == 1;
}
}  // namespace

DirectorySetup setUpDirectory(const DirectoryOptions& o,
                              const std::function<LocalAddress()>& detectLocalIp) {
    DirectorySetup out;
    const DirectoryAddress address = parseDirectoryAddress(o.directoryAddress);
    const bool beDirectory = address.kind == DirectoryAddress::Kind::BeDirectory;
    const bool registering = address.kind != DirectoryAddress::Kind::None;

    std::string persistenceFile;
    ListFilter filter;
    if (beDirectory) {
        if (!o.directoryFile.empty()) {
            const std::string problem = prepareServerListFile(o.directoryFile);
            if (problem.empty()) {
                persistenceFile = o.directoryFile;
            } else {
                out.lines.push_back(problem);
            }
        }
        if (!o.listFilter.empty()) {
            ParsedListFilter parsed = parseListFilter(o.listFilter);
            out.lines.insert(out.lines.end(), parsed.lines.begin(), parsed.lines.end());
            filter = std::move(parsed.filter);
        }
    } else {
        if (!o.directoryFile.empty()) {
            out.lines.emplace_back(
                "Server list persistence file will only take effect when running as a "
                "directory.");
        }
        if (!o.listFilter.empty()) {
            out.lines.emplace_back(
                "Server list filter will only take effect when running as a directory.");
        }
    }

    std::string ownIp;
    if (!o.serverPublicIp.empty()) {
        if (!registering) {
            out.lines.emplace_back(
                "Server Public IP will only take effect when registering a server with a "
                "directory.");
        } else if (!isIpv4(o.serverPublicIp)) {
            out.lines.emplace_back(
                "Server Public IP is invalid. Only plain IP addresses are supported.");
        } else {
            ownIp = o.serverPublicIp;
        }
    }
    if (registering && ownIp.empty()) {
        const LocalAddress detected = detectLocalIp();
        if (!detected.error.empty()) {
            out.lines.push_back("could not determine local IPv4 address: " + detected.error +
                                " - using localhost");
        }
        ownIp = detected.ip;
    }
    if (registering) {
        out.lines.push_back("Using \"" + ownIp + "\" as external IP.");
    }

    const ServerInfoOption info =
        parseServerInfo(o.serverInfo, !o.serverInfo.empty(), o.defaultCountry);
    out.lines.insert(out.lines.end(), info.lines.begin(), info.lines.end());
    out.identity = info.identity;
    if (!registering) {
        return out;
    }

    DirectoryConfig c;
    c.address = address;
    c.identity = info.identity;
    c.maxClients = static_cast<uint8_t>(o.maxClients);
    c.serverPort = o.serverPort;
    c.version = o.version;
    c.ownIp = ownIp;
    c.filter = std::move(filter);
    c.persistenceFile = persistenceFile;
    out.config = std::move(c);
    return out;
}

}  // namespace tutti::directory
