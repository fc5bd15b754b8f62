#include "options_checks.h"

#include <arpa/inet.h>

#include <filesystem>
#include <fstream>

#include "src/mixout/mixout_config.h"

namespace tutti::app {

bool isIpv4Literal(const std::string& text) {
    in_addr address{};
    return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool isIpv6Literal(const std::string& text) {
    in6_addr address{};
    return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

namespace {
// QString length: UTF-16 code units (continuation bytes are not counted, 4-byte sequences
// count twice).
std::size_t utf16Length(const std::string& text) {
    std::size_t units = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) {
            units += c >= 0xF0 ? 2 : 1;
        }
    }
    return units;
}
}  // namespace

std::optional<std::string> readSecretFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        return std::nullopt;  // opens on Linux, but reads nothing: Qt refuses it too
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::string line;
    std::getline(in, line);
    if (in.bad()) {
        return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();  // a CRLF file, as QTextStream::readLine reads it
    }
    return line;
}

std::optional<std::string> checkParsedOptions(ServerOptions& options,
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
    if (!options.backupDatabaseTo.empty() && options.databaseFile.empty()) {
        return "--backup-database needs --database FILE (the database to copy).";
    }
    // Live mix out: a misspelt back end, or one this build lacks, stops the server here rather
    // than leaving the operator to wonder why the stream is silent.
    if (!options.mixOut.empty()) {
        std::string error;
        if (!mixout::parseMixOutSpec(options.mixOut, error)) {
            return "--mixout " + options.mixOut + ": " + error;
        }
    }
    if (options.mixOutChannels && options.mixOut.rfind("jack", 0) != 0) {
        return "--mixoutchannels needs --mixout jack[:CLIENTNAME]";
    }
    if (!options.mixOutInput.empty()) {
        if (options.mixOut.rfind("jack", 0) != 0) {
            return "--mixoutinput needs --mixout jack[:CLIENTNAME]";
        }
        // It becomes two JACK port names: no colon, and room for "_right".
        if (options.mixOutInput.size() > 32 || options.mixOutInput.find(':') != std::string::npos) {
            return "--mixoutinput: NAME must be 1-32 characters without ':'";
        }
    }
    if (options.jsonRpcBindIp.empty()) {
        return "The JSON-RPC bind address provided is empty, exiting.";
    }
    if (!isIpv4Literal(options.jsonRpcBindIp)) {
        return "The JSON-RPC address specified is not valid, exiting.";
    }
    if (!options.webAdminAccess.empty() && !options.webAdminPort) {
        return "- web admin: --web-admin-access needs --web-admin-port. Exiting.";
    }
    if (options.jsonRpcPort) {
        if (options.jsonRpcSecretFile.empty()) {
            return "- JSON-RPC: --jsonrpcsecretfile is required. Exiting.";
        }
        std::optional<std::string> secret = readSecretFile(options.jsonRpcSecretFile);
        if (!secret) {
            return "- JSON-RPC: Unable to open secret file " + options.jsonRpcSecretFile +
                   ". Exiting.";
        }
        if (const std::size_t length = utf16Length(*secret); length < kMinJsonRpcSecretLength) {
            return "JSON-RPC: Refusing to run with secret of length " + std::to_string(length) +
                   " (required: " + std::to_string(kMinJsonRpcSecretLength) + "). Exiting.";
        }
        options.jsonRpcSecret = std::move(*secret);
        lines.emplace_back(
            "- JSON-RPC: This interface is experimental and is subject to breaking changes even "
            "on patch versions (not subject to semantic versioning) during the initial phase.");
    }
    return std::nullopt;
}

}  // namespace tutti::app
