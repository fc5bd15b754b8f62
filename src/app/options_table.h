// Every command-line option Tutti recognises, described once.
//
// The parser, the help text and the "not supported yet" check all read this table, so building
// a feature means flipping its `supported` flag in options_table.cpp and nothing else here.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace tutti::app {

enum class OptionId {
    Help,
    Version,
    IniFile,
    NoGui,
    Port,
    JsonRpcPort,
    JsonRpcSecretFile,
    JsonRpcBindIp,
    Qos,
    NoTranslation,
    EnableIpv6,
    NoIpv6,
    Server,
    NumChannels,
    FastUpdate,
    Multithreading,
    DelayPan,
    DiscOnQuit,
    WelcomeMessage,
    Licence,
    Log,
    HtmlStatus,
    Recording,
    NoRecord,
    RecordMix,         // Tutti only
    MaxChannelsPerIp,  // Tutti only
    Database,          // Tutti only (issue 12)
    IdleTimeout,       // Tutti only
    BackupDatabase,    // Tutti only
    MixOut,            // Tutti only: live mix out (issue 14)
    MixOutChannels,    // Tutti only
    MixOutInput,       // Tutti only
    ServerInfo,
    DirectoryAddress,
    DirectoryFile,
    ListFilter,
    ServerPublicIp,
    ServerBindIp4,
    ServerBindIp6,
    NoRaw,
    StartMinimized,
    // Client only: recognised so that we can refuse them the way Jamulus does.
    Connect,
    NoJackConnect,
    MuteStream,
    MuteMyOwn,
    ClientName,
    CtrlMidiCh,
    ShowAllServers,
    ShowAnalyzerConsole,
    CleanupLegacyFaderSettings,
    // Web status, admin API and /metrics (issue 12).
    WebAdminPort,
    WebAdminAccess,
};

enum class ValueKind { None, String, Number };

enum class OptionGroup { Common, Server, ClientOnly };

struct OptionDescriptor {
    OptionId id;
    // Every accepted spelling; unused slots are empty. The first "--" name is the long name.
    std::array<std::string_view, 4> names;
    ValueKind value;
    double min;  // numeric range, inclusive; only for ValueKind::Number
    double max;
    OptionGroup group;
    bool supported;  // false: recognised and validated, but the server refuses to start
    // Flags: the whole start-up line. Value options: the text put before the value.
    std::string_view startupLine;
    std::string_view valueName;  // for the help text
    std::string_view help;
};

std::span<const OptionDescriptor> optionTable();

// The descriptor whose names include token exactly, or nullptr.
const OptionDescriptor* findOption(std::string_view token);

std::string_view longName(const OptionDescriptor& option);

}  // namespace tutti::app
