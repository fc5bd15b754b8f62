#include <ostream>

#include "help_text.h"
#include "options.h"
#include "options_checks.h"
#include "options_number.h"
#include "options_table.h"
#include "options_welcome.h"
#include "version_banner.h"

namespace tutti::app {
namespace {

ParseResult exitWith(ParseResult result, int status, std::string errorLine) {
    result.options.reset();
    result.exitStatus = status;
    result.errorLine = std::move(errorLine);
    return result;
}

std::string formatBound(double bound) {
    return std::to_string(static_cast<long long>(bound));
}

std::string startupLine(const OptionDescriptor& option, const std::string& value) {
    std::string line(option.startupLine);
    if (const auto at = line.find("{}"); at != std::string::npos) {
        line.replace(at, 2, value);
    }
    return line;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += out.empty() ? "" : ", ";
        out += name;
    }
    return out;
}

// Stores one parsed option. Every id is listed so that adding an option to the table without
// deciding where its value goes fails to compile (-Wswitch).
void apply(OptionId id, const std::string& text, int number, ServerOptions& o) {
    switch (id) {
        case OptionId::IniFile:
            o.iniFile = text;
            break;
        case OptionId::NoGui:
            o.noGui = true;
            break;
        case OptionId::Port:
            o.port = number;
            break;
        case OptionId::JsonRpcPort:
            o.jsonRpcPort = number;
            break;
        case OptionId::JsonRpcSecretFile:
            o.jsonRpcSecretFile = text;
            break;
        case OptionId::JsonRpcBindIp:
            o.jsonRpcBindIp = text;
            break;
        case OptionId::WebAdminPort:
            o.webAdminPort = number;
            break;
        case OptionId::WebAdminAccess:
            o.webAdminAccess = text;
            break;
        case OptionId::Qos:
            o.qos = number;
            break;
        case OptionId::NoTranslation:
            o.noTranslation = true;
            break;
        case OptionId::EnableIpv6:
            o.enableIpv6 = true;
            break;
        case OptionId::NoIpv6:
            o.noIpv6 = true;
            break;
        case OptionId::Server:
            break;  // Tutti is always a server
        case OptionId::NumChannels:
            o.maxChannels = number;
            break;
        case OptionId::FastUpdate:
            o.fastUpdate = true;
            break;
        case OptionId::Multithreading:
            o.multithreading = true;
            break;
        case OptionId::DelayPan:
            o.delayPan = true;
            break;
        case OptionId::DiscOnQuit:
            o.disconnectOnQuit = true;
            break;
        case OptionId::WelcomeMessage:
            o.welcomeMessageArg = text;
            break;
        case OptionId::Licence:
            o.licenceRequired = true;
            break;
        case OptionId::Log:
            o.logFile = text;
            break;
        case OptionId::HtmlStatus:
            o.htmlStatusFile = text;
            break;
        case OptionId::Recording:
            o.recordingDir = text;
            break;
        case OptionId::NoRecord:
            o.noRecord = true;
            break;
        case OptionId::MaxChannelsPerIp:
            o.maxChannelsPerIp = number;
            break;
        case OptionId::RecordMix:
            o.recordMix = true;
            break;
        case OptionId::Database:
            o.databaseFile = text;
            break;
        case OptionId::IdleTimeout:
            o.idleTimeoutSeconds = number;
            break;
        case OptionId::BackupDatabase:
            o.backupDatabaseTo = text;
            break;
        case OptionId::MixOut:
            o.mixOut = text;
            break;
        case OptionId::MixOutChannels:
            o.mixOutChannels = true;
            break;
        case OptionId::MixOutInput:
            o.mixOutInput = text;
            break;
        case OptionId::ServerInfo:
            o.serverInfo = text;
            break;
        case OptionId::DirectoryAddress:
            o.directoryAddress = text;
            break;
        case OptionId::DirectoryFile:
            o.directoryFile = text;
            break;
        case OptionId::ListFilter:
            o.listFilter = text;
            break;
        case OptionId::ServerPublicIp:
            o.serverPublicIp = text;
            break;
        case OptionId::ServerBindIp4:
            o.bindIpv4 = text;
            break;
        case OptionId::ServerBindIp6:
            o.bindIpv6 = text;
            break;
        case OptionId::NoRaw:
            o.noRaw = true;
            break;
        case OptionId::StartMinimized:
            o.startMinimized = true;
            break;
        // Acted on by the caller before anything is stored.
        case OptionId::Help:
        case OptionId::Version:
        case OptionId::Connect:
        case OptionId::NoJackConnect:
        case OptionId::MuteStream:
        case OptionId::MuteMyOwn:
        case OptionId::ClientName:
        case OptionId::CtrlMidiCh:
        case OptionId::ShowAllServers:
        case OptionId::ShowAnalyzerConsole:
        case OptionId::CleanupLegacyFaderSettings:
            break;
    }
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) {
        out += line;
        out += '\n';
    }
    return out;
}

}  // namespace

ParseResult parseCommandLine(const std::vector<std::string>& args, std::string_view version) {
    const std::string argv0 = args.empty() ? std::string("tutti") : args[0];
    ParseResult result;
    ServerOptions options;
    std::vector<std::string> clientOnlyUsed;
    std::string firstUnsupported;  // as typed

    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& typed = args[i];
        const OptionDescriptor* option = findOption(typed);
        if (option == nullptr) {
            return exitWith(std::move(result), 1,
                            argv0 + ": Unknown option '" + typed + "' -- use '--help' for help");
        }

        // A value is whatever argument comes next, even if it looks like an option.
        const bool hasValue = i + 1 < args.size();
        std::string text;
        int number = 0;
        if (option->value == ValueKind::String) {
            if (!hasValue) {
                return exitWith(std::move(result), 1,
                                argv0 + ": '" + typed + "' needs a string argument.");
            }
            text = args[++i];
        } else if (option->value == ValueKind::Number) {
            const std::optional<int> parsed =
                hasValue ? parseNumericArgument(args[++i], option->min, option->max) : std::nullopt;
            if (!parsed) {
                return exitWith(std::move(result), 1,
                                argv0 + ": '" + typed + "' needs a numeric argument from '" +
                                    formatBound(option->min) + "' to '" + formatBound(option->max) +
                                    "'.");
            }
            number = *parsed;
            text = std::to_string(number);
        }

        if (option->id == OptionId::Help) {
            result.stdoutText = helpText(argv0);
            return exitWith(std::move(result), 0, {});
        }
        if (option->id == OptionId::Version) {
            result.stdoutText = joinLines(versionBannerLines(version));
            return exitWith(std::move(result), 0, {});
        }
        if (option->group == OptionGroup::ClientOnly) {
            clientOnlyUsed.emplace_back(longName(*option));
            continue;
        }
        if (!option->supported && firstUnsupported.empty()) {
            firstUnsupported = typed;
        }
        apply(option->id, text, number, options);
        result.startupLines.push_back(startupLine(*option, text));
    }

    if (!clientOnlyUsed.empty()) {
        return exitWith(std::move(result), 1,
                        argv0 + ": Client only option(s) '" + joined(clientOnlyUsed) +
                            "' used.  See '--help' for help");
    }
    if (!firstUnsupported.empty()) {
        return exitWith(std::move(result), 1, argv0 + ": not supported yet: " + firstUnsupported);
    }
    if (std::optional<std::string> error = checkParsedOptions(options, result.startupLines)) {
        return exitWith(std::move(result), 1, std::move(*error));
    }
    options.welcomeMessage = resolveWelcomeMessage(options.welcomeMessageArg);
    result.options = std::move(options);
    return result;
}

void printParseResult(const ParseResult& result, std::ostream& out, std::ostream& err) {
    for (const std::string& line : result.startupLines) {
        err << line << '\n';
    }
    err.flush();
    out << result.stdoutText;
    out.flush();
    if (!result.errorLine.empty()) {
        err << result.errorLine << '\n';
        err.flush();
    }
}

}  // namespace tutti::app
