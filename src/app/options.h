// The server's command line: Jamulus-compatible options turned into ServerOptions.
//
// The parser never prints. It returns the start-up lines Jamulus would have written to stderr
// while parsing, plus either the options to start with or an exit status and the text to print,
// so main() decides where output goes and tests can compare every line.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::app {

inline constexpr int kDefaultPort = 22124;
inline constexpr int kDefaultMaxChannels = 10;
inline constexpr int kDefaultQos = 128;  // DSCP CS4, as Jamulus
// Enough for a class or a rehearsal room behind one NAT (issue 8).
inline constexpr int kDefaultMaxChannelsPerIp = 32;
inline constexpr const char* kDefaultJsonRpcBindIp = "127.0.0.1";
inline constexpr std::size_t kMinJsonRpcSecretLength = 16;

struct ServerOptions {
    // Features that exist now.
    int port = kDefaultPort;
    int maxChannels = kDefaultMaxChannels;
    int maxChannelsPerIp = kDefaultMaxChannelsPerIp;  // Tutti only
    std::string welcomeMessageArg;                    // -w exactly as given (text or file name)
    std::string welcomeMessage;  // resolved text, at most 1600 UTF-16 units; empty = none
    bool licenceRequired = false;
    int qos = kDefaultQos;
    std::string bindIpv4;     // --serverbindip / --serverbindip4; empty = all addresses
    bool enableIpv6 = false;  // -6 given; IPv6 is wanted by default anyway
    bool noIpv6 = false;
    bool disconnectOnQuit = false;
    bool noGui = false;           // accepted for compatibility; Tutti never opens a window
    std::string iniFile;          // GUI settings file; ignored headless
    bool noTranslation = false;   // GUI only
    bool startMinimized = false;  // GUI only

    // Recognised and validated, used once their feature is built.
    bool fastUpdate = false;
    bool multithreading = false;
    bool delayPan = false;
    bool noRaw = false;
    std::string bindIpv6;
    std::optional<int> jsonRpcPort;
    std::string jsonRpcSecretFile;
    std::string jsonRpcSecret;  // first line of the secret file, checked (>= 16 characters)
    std::string jsonRpcBindIp = kDefaultJsonRpcBindIp;
    std::string logFile;
    std::string htmlStatusFile;
    std::string recordingDir;
    bool noRecord = false;
    bool recordMix = false;        // Tutti: also record the default mix
    std::string serverInfo;        // raw "NAME;CITY;COUNTRY"
    std::string directoryAddress;  // empty = do not register; localhost/127.0.0.1 = be a directory
    std::string directoryFile;
    std::string listFilter;
    std::string serverPublicIp;

    // Administration (issue 12), Tutti only.
    std::string databaseFile;               // --database; "" = everything in memory
    std::optional<int> idleTimeoutSeconds;  // --idle-timeout; unset = the database's or off
    std::string backupDatabaseTo;           // --backup-database: copy and exit
    // Web status page, admin API and /metrics (issue 12).
    std::optional<int> webAdminPort;
    std::string webAdminAccess;  // "" = loopback only
    // Live mix out (issue 14): "jack[:CLIENTNAME]" / "alsa[:DEVICE]", "" = off.
    std::string mixOut;
    bool mixOutChannels = false;  // JACK: one more port per channel
    std::string mixOutInput;      // JACK: input ports NAME_left/_right join every client's mix
};

struct ParseResult {
    // Lines for stderr, in order; always printed first.
    std::vector<std::string> startupLines;
    // Set when the server should start; otherwise exit with exitStatus.
    std::optional<ServerOptions> options;
    int exitStatus = 0;
    // Help or version text for stdout (ends with a newline), when that is why we exit.
    std::string stdoutText;
    // The fatal error for stderr (no newline), printed after startupLines.
    std::string errorLine;

    bool shouldExit() const { return !options.has_value(); }
};

// args is argv including argv[0]; version is shown by -v (e.g. TUTTI_VERSION_STRING).
ParseResult parseCommandLine(const std::vector<std::string>& args, std::string_view version);

// Writes a result's texts the way Jamulus does: start-up lines and errors to err, help and
// version to out.
void printParseResult(const ParseResult& result, std::ostream& out, std::ostream& err);

}  // namespace tutti::app
