#include "options_table.h"

#include <algorithm>

namespace tutti::app {
namespace {

using Names = std::array<std::string_view, 4>;
constexpr bool kYes = true;  // feature built: the option takes effect
constexpr bool kNotYet = false;

constexpr OptionDescriptor flag(OptionId id, Names names, OptionGroup group, bool supported,
                                std::string_view line, std::string_view help) {
    return {id, names, ValueKind::None, 0, 0, group, supported, line, {}, help};
}

// In `line`, "{}" stands for the value as given.
constexpr OptionDescriptor text(OptionId id, Names names, OptionGroup group, bool supported,
                                std::string_view valueName, std::string_view line,
                                std::string_view help) {
    return {id, names, ValueKind::String, 0, 0, group, supported, line, valueName, help};
}

// In `line`, "{}" stands for the number after truncation.
constexpr OptionDescriptor number(OptionId id, Names names, double min, double max,
                                  OptionGroup group, bool supported, std::string_view valueName,
                                  std::string_view line, std::string_view help) {
    return {id, names, ValueKind::Number, min, max, group, supported, line, valueName, help};
}

// Client options print nothing: a server stops on them after parsing.
constexpr OptionDescriptor client(OptionId id, Names names, ValueKind value) {
    return {id, names, value, 0, 0, OptionGroup::ClientOnly, kNotYet, {}, {}, {}};
}

constexpr auto kCommon = OptionGroup::Common;
constexpr auto kServer = OptionGroup::Server;

// Start-up line texts follow Jamulus (operators grep journals for them); where 3.9.1 and the
// newest upstream differ we print the newest wording.
constexpr OptionDescriptor kOptions[] = {
    flag(OptionId::Help, {"-h", "-?", "--help"}, kCommon, kYes, {}, "show this help and exit"),
    flag(OptionId::Version, {"-v", "--version"}, kCommon, kYes, {},
         "show version and licence and exit"),
    text(OptionId::IniFile, {"-i", "--inifile"}, kCommon, kYes, "FILE",
         "- initialization file name: {}", "settings file of tutti-server-gui (ignored headless)"),
    flag(OptionId::NoGui, {"-n", "--nogui"}, kCommon, kYes, "- no GUI mode chosen",
         "tutti-server-gui: run without a window, headless"),
    number(OptionId::Port, {"-p", "--port"}, 0, 65535, kCommon, kYes, "PORT",
           "- selected port number: {}", "UDP port to listen on (default 22124)"),
    number(OptionId::JsonRpcPort, {"--jsonrpcport"}, 0, 65535, kCommon, kYes, "PORT",
           "- JSON-RPC port number: {}", "serve JSON-RPC on this TCP port"),
    text(OptionId::JsonRpcSecretFile, {"--jsonrpcsecretfile"}, kCommon, kYes, "FILE",
         "- JSON-RPC secret file: {}", "file whose first line is the JSON-RPC secret"),
    text(OptionId::JsonRpcBindIp, {"--jsonrpcbindip"}, kCommon, kYes, "IP",
         "- JSON-RPC will bind to: {} if enabled",
         "IPv4 address JSON-RPC listens on (default 127.0.0.1)"),
    number(OptionId::Qos, {"-Q", "--qos"}, 0, 255, kCommon, kYes, "N", "- selected QoS value: {}",
           "IP type-of-service byte of sent packets, 0 = off (default 128)"),
    flag(OptionId::NoTranslation, {"-t", "--notranslation"}, kCommon, kYes,
         "- translations disabled", "GUI language off; ignored"),
    flag(OptionId::EnableIpv6, {"-6", "--enableipv6"}, kCommon, kYes, "- IPv6 enabled",
         "accepted for compatibility; IPv6 is on by default"),
    flag(OptionId::NoIpv6, {"--noipv6"}, kCommon, kYes, "- IPv6 disabled", "do not use IPv6"),

    flag(OptionId::Server, {"-s", "--server"}, kServer, kYes, "- server mode chosen",
         "server mode (Tutti always is a server)"),
    number(OptionId::NumChannels, {"-u", "--numchannels"}, 1, 150, kServer, kYes, "N",
           "- maximum number of channels: {}", "most clients connected at once (default 10)"),
    flag(OptionId::FastUpdate, {"-F", "--fastupdate"}, kServer, kYes,
         "- using 64 samples frame size mode", "mix in 64-sample frames for lower latency"),
    flag(OptionId::Multithreading, {"-T", "--multithreading"}, kServer, kYes,
         "- using multithreading",
         "accepted for compatibility: decoding and mixing always use every core"),
    flag(OptionId::DelayPan, {"-P", "--delaypan"}, kServer, kYes, "- starting with delay panning",
         "pan by delaying one ear instead of by level"),
    flag(OptionId::DiscOnQuit, {"-d", "--discononquit"}, kServer, kYes,
         "- disconnect all clients on quit", "tell clients to disconnect when the server stops"),
    text(OptionId::WelcomeMessage, {"-w", "--welcomemessage"}, kServer, kYes, "TEXT|FILE",
         "- welcome message: {}", "chat message for each joining client; a file gives its text"),
    flag(OptionId::Licence, {"-L", "--licence"}, kServer, kYes, "- licence required",
         "clients must accept the welcome message as terms"),
    text(OptionId::Log, {"-l", "--log"}, kServer, kYes, "FILE", "- logging file name: {}",
         "append connection lines to this file"),
    text(OptionId::HtmlStatus, {"-m", "--htmlstatus"}, kServer, kYes, "FILE",
         "- HTML status file name: {}", "write connected client names as HTML to this file"),
    text(OptionId::Recording, {"-R", "--recording"}, kServer, kYes, "DIR",
         "- recording directory name: {}", "record sessions below this directory"),
    flag(OptionId::NoRecord, {"--norecord"}, kServer, kYes,
         "- recording will not take place until enabled",
         "do not record until recording is switched on (SIGUSR2)"),
    flag(OptionId::RecordMix, {"--recordmix"}, kServer, kYes, "- recording the default mix as well",
         "also record the mix a new listener hears, as a stereo track"),
    text(OptionId::MixOut, {"--mixout"}, kServer, kYes, "jack[:NAME]|alsa[:DEVICE]",
         "- live mix out: {}",
         "play the session mix (as --recordmix) to JACK ports mix_left/mix_right of client NAME "
         "(default tutti) or to an ALSA device (default: default)"),
    flag(OptionId::MixOutChannels, {"--mixoutchannels"}, kServer, kYes,
         "- live mix out: one JACK port per channel",
         "with --mixout jack: also one JACK port per channel, named after its client"),
    text(OptionId::MixOutInput, {"--mixoutinput"}, kServer, kYes, "NAME",
         "- live mix out: JACK input {} joins every mix",
         "with --mixout jack: JACK input ports NAME_left/NAME_right whose audio every client "
         "hears (a backing track, an announcer)"),
    number(OptionId::MaxChannelsPerIp, {"--maxchannelsperip"}, 1, 150, kServer, kYes, "N",
           "- maximum channels per IP address: {}",
           "most channels one IP address may hold (default 32; Tutti only)"),
    text(OptionId::Database, {"--database"}, kServer, kYes, "FILE", "- configuration database: {}",
         "keep settings, bans, allowlist and server log in this SQLite file (Tutti only)"),
    number(OptionId::IdleTimeout, {"--idle-timeout"}, 0, 604800, kServer, kYes, "SECONDS",
           "- idle time-out in seconds: {}",
           "disconnect clients silent and inactive this long, 0 = off (default; Tutti only)"),
    text(OptionId::BackupDatabase, {"--backup-database"}, kServer, kYes, "DEST",
         "- database backup to: {}",
         "with --database: copy the (running server's) database to DEST and exit (Tutti only)"),
    text(OptionId::ServerInfo, {"-o", "--serverinfo"}, kServer, kYes, "NAME;CITY;COUNTRY",
         "- server info: {}", "how server lists show this server"),
    text(OptionId::DirectoryAddress,
         {"-e", "--directoryaddress", "--directoryserver", "--centralserver"}, kServer, kYes,
         "ADDRESS", "- register with directory at address: {}",
         "register with this directory; localhost or 127.0.0.1 = be a directory"),
    text(OptionId::DirectoryFile, {"--directoryfile"}, kServer, kYes, "FILE",
         "- server list persistence file: {}", "as a directory: keep the server list here"),
    text(OptionId::ListFilter, {"-f", "--listfilter"}, kServer, kYes, "LIST",
         "- server list filter: {}", "as a directory: who may register (IPs, [min version]; ...)"),
    text(OptionId::ServerPublicIp, {"--serverpublicip"}, kServer, kYes, "IP",
         "- server public IP: {}", "address announced to the directory as this server's own"),
    text(OptionId::ServerBindIp4, {"--serverbindip", "--serverbindip4"}, kServer, kYes, "IP",
         "- server bind IPv4: {}", "bind the IPv4 socket to this local address"),
    text(OptionId::ServerBindIp6, {"--serverbindip6"}, kServer, kNotYet, "IP",
         "- server bind IPv6: {}", "bind the IPv6 socket to this local address"),
    flag(OptionId::NoRaw, {"--noraw"}, kServer, kNotYet, "- raw audio is disabled",
         "do not offer uncompressed audio"),
    flag(OptionId::StartMinimized, {"-z", "--startminimized"}, kServer, kYes,
         "- start minimized enabled", "tutti-server-gui: start hidden in the tray"),

    client(OptionId::Connect, {"-c", "--connect"}, ValueKind::String),
    client(OptionId::NoJackConnect, {"-j", "--nojackconnect"}, ValueKind::None),
    client(OptionId::MuteStream, {"-M", "--mutestream"}, ValueKind::None),
    client(OptionId::MuteMyOwn, {"--mutemyown"}, ValueKind::None),
    client(OptionId::ClientName, {"--clientname"}, ValueKind::String),
    client(OptionId::CtrlMidiCh, {"--ctrlmidich"}, ValueKind::String),
    client(OptionId::ShowAllServers, {"--showallservers"}, ValueKind::None),
    client(OptionId::ShowAnalyzerConsole, {"--showanalyzerconsole"}, ValueKind::None),
    client(OptionId::CleanupLegacyFaderSettings, {"--cleanuplegacyfadersettings"}, ValueKind::None),

    // Web status page, JSON admin API and Prometheus /metrics (issue 12).
    number(OptionId::WebAdminPort, {"--web-admin-port"}, 1, 65535, kServer, kYes, "PORT",
           "- web admin port: {}",
           "serve the status page, admin API and /metrics on this TCP port"),
    text(OptionId::WebAdminAccess, {"--web-admin-access"}, kServer, kYes, "MASK",
         "- web admin access: {}",
         "hosts allowed on the web admin port: addresses/CIDRs, comma-separated (default "
         "loopback); beyond loopback needs TUTTI_WEB_ADMIN_PASSWORD"),
};

}  // namespace

std::span<const OptionDescriptor> optionTable() {
    return kOptions;
}

const OptionDescriptor* findOption(std::string_view token) {
    if (token.empty()) {
        return nullptr;  // empty slots in `names` must not match an empty argument
    }
    for (const OptionDescriptor& option : kOptions) {
        if (std::ranges::find(option.names, token) != option.names.end()) {
            return &option;
        }
    }
    return nullptr;
}

std::string_view longName(const OptionDescriptor& option) {
    for (std::string_view name : option.names) {
        if (name.starts_with("--")) {
            return name;
        }
    }
    return option.names[0];
}

}  // namespace tutti::app
