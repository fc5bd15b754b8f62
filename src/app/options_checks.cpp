#include "options_checks.h"

#include <arpa/inet.h>

namespace tutti::app {

bool isIpv4Literal(const std::string& text) {
    in_addr address{};
    return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool isIpv6Literal(const std::string& text) {
    in6_addr address{};
    return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

std::optional<std::string> checkParsedOptions(const ServerOptions& options,
                                              std::vector<std::string>& lines) {
    if (!options.iniFile.empty()) {
        lines.emplace_back("No initialization file support in headless server mode.");
    }
    // Newest Jamulus makes a bad bind address fatal (3.9.1 ignored it); a server silently
    // listening on every address when told one is the worse surprise.
    if (!options.bindIpv4.empty() && !isIpv4Literal(options.bindIpv4)) {
        return "Server Bind IPv4 is invalid. Only plain IP addresses are supported.";
    }
    if (!options.bindIpv6.empty()) {
        if (options.noIpv6) {
            return "IPv6 is disabled; --serverbindip6 not allowed.";
        }
        if (!isIpv6Literal(options.bindIpv6)) {
            return "Server Bind IPv6 is invalid. Only plain IPv6 addresses are supported.";
        }
    }
    if (options.jsonRpcBindIp.empty()) {
        return "The JSON-RPC bind address provided is empty, exiting.";
    }
    if (!isIpv4Literal(options.jsonRpcBindIp)) {
        return "The JSON-RPC address specified is not valid, exiting.";
    }
    return std::nullopt;
}

}  // namespace tutti::app
