#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/app/options.h"

namespace tutti::app {
namespace {

using Lines = std::vector<std::string>;

ParseResult parse(std::vector<std::string> rest) {
    rest.insert(rest.begin(), "tutti");
    return parseCommandLine(rest, "9.9.9-test");
}

void expectError(const ParseResult& result, const std::string& error) {
    EXPECT_TRUE(result.shouldExit());
    EXPECT_EQ(result.exitStatus, 1);
    EXPECT_EQ(result.errorLine, error);
    EXPECT_TRUE(result.stdoutText.empty());
}

std::string numericError(const std::string& typed, const std::string& min, const std::string& max) {
    return "tutti: '" + typed + "' needs a numeric argument from '" + min + "' to '" + max + "'.";
}

TEST(ParseCommandLine, NoArgumentsGiveDefaults) {
    const ParseResult result = parse({});
    ASSERT_FALSE(result.shouldExit());
    EXPECT_TRUE(result.startupLines.empty());
    EXPECT_TRUE(result.errorLine.empty());
    const ServerOptions& o = *result.options;
    EXPECT_EQ(o.port, 22124);
    EXPECT_EQ(o.maxChannels, 10);
    EXPECT_EQ(o.qos, 128);
    EXPECT_EQ(o.welcomeMessage, "");
    EXPECT_FALSE(o.licenceRequired);
    EXPECT_EQ(o.bindIpv4, "");
    EXPECT_FALSE(o.enableIpv6);
    EXPECT_FALSE(o.noIpv6);
    EXPECT_FALSE(o.disconnectOnQuit);
    EXPECT_FALSE(o.jsonRpcPort.has_value());
    EXPECT_EQ(o.jsonRpcBindIp, "127.0.0.1");
}

TEST(ParseCommandLine, EmptyArgvStillParses) {
    const ParseResult result = parseCommandLine({}, "1");
    EXPECT_FALSE(result.shouldExit());
}

TEST(ParseCommandLine, SupportedOptionsStoreValuesAndPrintLinesInOrder) {
    const ParseResult result =
        parse({"-s", "-n", "-p", "22720", "-u", "5", "-w", "Hello <b>all</b>", "-L", "-Q", "0",
               "-d", "--serverbindip", "127.0.0.1", "-6", "--noipv6", "-t", "-z"});
    ASSERT_FALSE(result.shouldExit()) << result.errorLine;
    EXPECT_EQ(
        result.startupLines,
        (Lines{"- server mode chosen", "- no GUI mode chosen", "- selected port number: 22720",
               "- maximum number of channels: 5", "- welcome message: Hello <b>all</b>",
               "- licence required", "- selected QoS value: 0", "- disconnect all clients on quit",
               "- server bind IPv4: 127.0.0.1", "- IPv6 enabled", "- IPv6 disabled",
               "- translations disabled", "- start minimized enabled"}));
    const ServerOptions& o = *result.options;
    EXPECT_EQ(o.port, 22720);
    EXPECT_EQ(o.maxChannels, 5);
    EXPECT_EQ(o.welcomeMessageArg, "Hello <b>all</b>");
    EXPECT_EQ(o.welcomeMessage, "Hello <b>all</b>");
    EXPECT_TRUE(o.licenceRequired);
    EXPECT_EQ(o.qos, 0);
    EXPECT_TRUE(o.disconnectOnQuit);
    EXPECT_EQ(o.bindIpv4, "127.0.0.1");
    EXPECT_TRUE(o.enableIpv6);
    EXPECT_TRUE(o.noIpv6);
    EXPECT_TRUE(o.noGui);
    EXPECT_TRUE(o.noTranslation);
    EXPECT_TRUE(o.startMinimized);
}

TEST(ParseCommandLine, LongFormsWorkLikeShortOnes) {
    const ParseResult result =
        parse({"--server", "--nogui", "--port", "1234", "--numchannels", "7", "--welcomemessage",
               "hi", "--licence", "--qos", "46", "--discononquit", "--serverbindip4", "10.1.2.3",
               "--enableipv6", "--notranslation", "--startminimized"});
    ASSERT_FALSE(result.shouldExit()) << result.errorLine;
    const ServerOptions& o = *result.options;
    EXPECT_EQ(o.port, 1234);
    EXPECT_EQ(o.maxChannels, 7);
    EXPECT_EQ(o.welcomeMessage, "hi");
    EXPECT_TRUE(o.licenceRequired);
    EXPECT_EQ(o.qos, 46);
    EXPECT_TRUE(o.disconnectOnQuit);
    EXPECT_EQ(o.bindIpv4, "10.1.2.3");
    EXPECT_TRUE(o.enableIpv6);
    EXPECT_EQ(result.startupLines.size(), 12u);
}

TEST(ParseCommandLine, UnknownOptionStopsAtOnceKeepingEarlierLines) {
    const ParseResult result = parse({"-s", "--bogus", "-n"});
    expectError(result, "tutti: Unknown option '--bogus' -- use '--help' for help");
    EXPECT_EQ(result.startupLines, Lines{"- server mode chosen"});
}

TEST(ParseCommandLine, ArgvZeroIsUsedAsGiven) {
    const ParseResult result = parseCommandLine({"/usr/bin/jamulus-headless", "-x"}, "1");
    EXPECT_EQ(result.errorLine,
              "/usr/bin/jamulus-headless: Unknown option '-x' -- use '--help' for help");
}

TEST(ParseCommandLine, NoEqualsForm) {
    expectError(parse({"--port=22124"}),
                "tutti: Unknown option '--port=22124' -- use '--help' for help");
}

TEST(ParseCommandLine, NoBundling) {
    expectError(parse({"-sn"}), "tutti: Unknown option '-sn' -- use '--help' for help");
}

TEST(ParseCommandLine, OptionsAreCaseSensitive) {
    expectError(parse({"--Port", "1"}), "tutti: Unknown option '--Port' -- use '--help' for help");
    expectError(parse({"-S"}), "tutti: Unknown option '-S' -- use '--help' for help");
}

TEST(ParseCommandLine, StrayArgumentsAreUnknown) {
    expectError(parse({"22124"}), "tutti: Unknown option '22124' -- use '--help' for help");
    expectError(parse({""}), "tutti: Unknown option '' -- use '--help' for help");
    expectError(parse({"--"}), "tutti: Unknown option '--' -- use '--help' for help");
    expectError(parse({"-"}), "tutti: Unknown option '-' -- use '--help' for help");
}

TEST(ParseCommandLine, MissingStringValueNamesOptionAsTyped) {
    expectError(parse({"-w"}), "tutti: '-w' needs a string argument.");
    expectError(parse({"-s", "--welcomemessage"}),
                "tutti: '--welcomemessage' needs a string argument.");
    expectError(parse({"--serverbindip"}), "tutti: '--serverbindip' needs a string argument.");
    expectError(parse({"-i"}), "tutti: '-i' needs a string argument.");
}

TEST(ParseCommandLine, MissingNumberNamesOptionAsTyped) {
    expectError(parse({"-p"}), numericError("-p", "0", "65535"));
    expectError(parse({"--numchannels"}), numericError("--numchannels", "1", "150"));
    expectError(parse({"--qos"}), numericError("--qos", "0", "255"));
}

TEST(ParseCommandLine, NumberRanges) {
    expectError(parse({"-u", "0"}), numericError("-u", "1", "150"));
    expectError(parse({"-u", "151"}), numericError("-u", "1", "150"));
    expectError(parse({"-u", "abc"}), numericError("-u", "1", "150"));
    expectError(parse({"-p", "65536"}), numericError("-p", "0", "65535"));
    expectError(parse({"-p", "-1"}), numericError("-p", "0", "65535"));
    expectError(parse({"-Q", "256"}), numericError("-Q", "0", "255"));
    expectError(parse({"--jsonrpcport", "70000"}), numericError("--jsonrpcport", "0", "65535"));
    EXPECT_EQ(parse({"-u", "1"}).options->maxChannels, 1);
    EXPECT_EQ(parse({"-u", "150"}).options->maxChannels, 150);
    EXPECT_EQ(parse({"-p", "0"}).options->port, 0);
    EXPECT_EQ(parse({"-p", "65535"}).options->port, 65535);
    EXPECT_EQ(parse({"-Q", "255"}).options->qos, 255);
}

TEST(ParseCommandLine, NumbersAreReadLikeStrtod) {
    const ParseResult hex = parse({"-p", "0x58c4"});
    ASSERT_FALSE(hex.shouldExit());
    EXPECT_EQ(hex.options->port, 22724);
    EXPECT_EQ(hex.startupLines, Lines{"- selected port number: 22724"});
    EXPECT_EQ(parse({"-u", "1e1"}).options->maxChannels, 10);
    EXPECT_EQ(parse({"-u", " \t12"}).options->maxChannels, 12);
    EXPECT_EQ(parse({"-u", "+3"}).options->maxChannels, 3);
    EXPECT_EQ(parse({"-p", "-0"}).options->port, 0);
    // strtod reads an empty string as 0 without complaint, and so does Jamulus.
    EXPECT_EQ(parse({"-p", ""}).options->port, 0);
    expectError(parse({"-u", ""}), numericError("-u", "1", "150"));
    expectError(parse({"-u", "12 "}), numericError("-u", "1", "150"));
    expectError(parse({"-u", "12abc"}), numericError("-u", "1", "150"));
    expectError(parse({"-u", "nan"}), numericError("-u", "1", "150"));
    expectError(parse({"-p", "inf"}), numericError("-p", "0", "65535"));
}

TEST(ParseCommandLine, NumbersAreRangeCheckedThenTruncated) {
    const ParseResult channels = parse({"-u", "2.5"});
    EXPECT_EQ(channels.options->maxChannels, 2);
    EXPECT_EQ(channels.startupLines, Lines{"- maximum number of channels: 2"});
    EXPECT_EQ(parse({"-p", "22700.7"}).options->port, 22700);
    EXPECT_EQ(parse({"-p", "65535.0"}).options->port, 65535);
    EXPECT_EQ(parse({"-p", "-0.5"}).errorLine, numericError("-p", "0", "65535"));
    EXPECT_EQ(parse({"-u", "0.9"}).errorLine, numericError("-u", "1", "150"));
    EXPECT_EQ(parse({"-u", "150.5"}).errorLine, numericError("-u", "1", "150"));
}

TEST(ParseCommandLine, LastOneWins) {
    const ParseResult result = parse({"-p", "1000", "-p", "2000", "-w", "a", "-w", "b"});
    ASSERT_FALSE(result.shouldExit());
    EXPECT_EQ(result.options->port, 2000);
    EXPECT_EQ(result.options->welcomeMessage, "b");
    EXPECT_EQ(result.startupLines,
              (Lines{"- selected port number: 1000", "- selected port number: 2000",
                     "- welcome message: a", "- welcome message: b"}));
}

TEST(ParseCommandLine, ValueIsTheNextArgumentWhateverItLooksLike) {
    const ParseResult result = parse({"-w", "-foo", "--serverbindip", "1.2.3.4"});
    ASSERT_FALSE(result.shouldExit());
    EXPECT_EQ(result.options->welcomeMessage, "-foo");

    const ParseResult help = parse({"-w", "-h"});
    ASSERT_FALSE(help.shouldExit());
    EXPECT_EQ(help.options->welcomeMessage, "-h");

    expectError(parse({"-p", "-u", "5"}), numericError("-p", "0", "65535"));
}

TEST(ParseCommandLine, ClientOnlyOptionsAreRefusedAfterParsing) {
    const ParseResult result = parse({"-s", "-c", "example.org", "-n"});
    expectError(result, "tutti: Client only option(s) '--connect' used.  See '--help' for help");
    EXPECT_EQ(result.startupLines, (Lines{"- server mode chosen", "- no GUI mode chosen"}));
}

TEST(ParseCommandLine, ClientOnlyMessageListsLongNamesInOrder) {
    const ParseResult result = parse({"-M", "--clientname", "me", "-j", "--ctrlmidich", "1",
                                      "--mutemyown", "--showallservers", "--showanalyzerconsole",
                                      "--cleanuplegacyfadersettings", "--connect", "host"});
    expectError(result,
                "tutti: Client only option(s) '--mutestream, --clientname, --nojackconnect, "
                "--ctrlmidich, --mutemyown, --showallservers, --showanalyzerconsole, "
                "--cleanuplegacyfadersettings, --connect' used.  See '--help' for help");
}

TEST(ParseCommandLine, ClientOnlyValuesAreConsumed) {
    // "-s" is the address for -c here, so no server line appears.
    const ParseResult result = parse({"-c", "-s"});
    EXPECT_TRUE(result.startupLines.empty());
    EXPECT_EQ(result.errorLine,
              "tutti: Client only option(s) '--connect' used.  See '--help' for help");
    expectError(parse({"--ctrlmidich"}), "tutti: '--ctrlmidich' needs a string argument.");
    expectError(parse({"--clientname"}), "tutti: '--clientname' needs a string argument.");
    expectError(parse({"-c"}), "tutti: '-c' needs a string argument.");
}

TEST(ParseCommandLine, ParseErrorsComeBeforeTheClientOnlyCheck) {
    expectError(parse({"-c", "host", "--bogus"}),
                "tutti: Unknown option '--bogus' -- use '--help' for help");
}

TEST(ParseCommandLine, HelpActsWhenReached) {
    const ParseResult result = parse({"-s", "-p", "1234", "-h", "--bogus"});
    EXPECT_TRUE(result.shouldExit());
    EXPECT_EQ(result.exitStatus, 0);
    EXPECT_TRUE(result.errorLine.empty());
    EXPECT_EQ(result.startupLines, (Lines{"- server mode chosen", "- selected port number: 1234"}));
    EXPECT_TRUE(result.stdoutText.starts_with("Usage: tutti "));
    for (const char* form : {"-?", "--help"}) {
        const ParseResult other = parse({form});
        EXPECT_EQ(other.exitStatus, 0);
        EXPECT_EQ(other.stdoutText, result.stdoutText);
    }
}

TEST(ParseCommandLine, HelpWinsOverLaterChecks) {
    // Client-only and not-yet-supported options are only refused once parsing is complete.
    EXPECT_EQ(parse({"-c", "host", "-h"}).exitStatus, 0);
    EXPECT_EQ(parse({"-T", "--help"}).exitStatus, 0);
    EXPECT_EQ(parse({"--serverbindip", "nonsense", "-h"}).exitStatus, 0);
    expectError(parse({"--bogus", "-h"}),
                "tutti: Unknown option '--bogus' -- use '--help' for help");
}

TEST(ParseCommandLine, VersionActsWhenReached) {
    const ParseResult result = parse({"-n", "-v", "-p"});
    EXPECT_TRUE(result.shouldExit());
    EXPECT_EQ(result.exitStatus, 0);
    EXPECT_EQ(result.startupLines, Lines{"- no GUI mode chosen"});
    EXPECT_TRUE(result.stdoutText.starts_with(" *** Tutti, Version 9.9.9-test\n"));
    EXPECT_EQ(parse({"--version"}).stdoutText, result.stdoutText);
}

struct NotYetCase {
    std::vector<std::string> args;
    std::string line;
};

void PrintTo(const NotYetCase& c, std::ostream* os) {
    *os << c.args[0];
}

// "--serverbindip6" -> "serverbindip6", so each case is named after its option.
std::string caseName(const testing::TestParamInfo<NotYetCase>& info) {
    std::string name;
    for (const char c : info.param.args[0]) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            name += c;
        }
    }
    return name;
}

class NotSupportedYet : public testing::TestWithParam<NotYetCase> {};

TEST_P(NotSupportedYet, IsRecognisedThenRefusedNamingTheOptionAsTyped) {
    const NotYetCase& c = GetParam();
    const ParseResult result = parse(c.args);
    expectError(result, "tutti: not supported yet: " + c.args[0]);
    EXPECT_EQ(result.startupLines, Lines{c.line});
}

INSTANTIATE_TEST_SUITE_P(ParseCommandLine, NotSupportedYet,
                         testing::Values(NotYetCase{{"--serverbindip6", "::1"},
                                                    "- server bind IPv6: ::1"},
                                         NotYetCase{{"--noraw"}, "- raw audio is disabled"}),
                         caseName);

TEST(ParseCommandLine, EngineOptionsAreAccepted) {
    const ParseResult result = parse({"-T", "--fastupdate", "-P"});
    ASSERT_FALSE(result.shouldExit()) << result.errorLine;
    EXPECT_EQ(result.startupLines,
              (Lines{"- using multithreading", "- using 64 samples frame size mode",
                     "- starting with delay panning"}));
    EXPECT_TRUE(result.options->multithreading);
    EXPECT_TRUE(result.options->fastUpdate);
    EXPECT_TRUE(result.options->delayPan);
}

// The directory options (issue 3) are taken as given; src/directory checks their values.
TEST(ParseCommandLine, DirectoryOptionsAreAcceptedWithTheirStartupLines) {
    const std::vector<std::pair<std::string, std::string>> given = {
        {"-e", "localhost"},         {"--directoryserver", "x"},
        {"--directoryaddress", "y"}, {"--centralserver", "z"},
        {"--directoryfile", "f"},    {"-f", "1.2.3.4"},
        {"--listfilter", "[3.6.0]"}, {"-o", "a;b;de"},
        {"--serverinfo", "c;d;82"},  {"--serverpublicip", "1.2.3.4"}};
    Lines args;
    for (const auto& [option, value] : given) {
        args.push_back(option);
        args.push_back(value);
    }
    const ParseResult result = parse(args);
    ASSERT_FALSE(result.shouldExit()) << result.errorLine;
    EXPECT_EQ(
        result.startupLines,
        (Lines{"- register with directory at address: localhost",
               "- register with directory at address: x", "- register with directory at address: y",
               "- register with directory at address: z", "- server list persistence file: f",
               "- server list filter: 1.2.3.4", "- server list filter: [3.6.0]",
               "- server info: a;b;de", "- server info: c;d;82", "- server public IP: 1.2.3.4"}));
    EXPECT_EQ(result.options->directoryAddress, "z");
    EXPECT_EQ(result.options->listFilter, "[3.6.0]");
    EXPECT_EQ(result.options->serverInfo, "c;d;82");
    EXPECT_EQ(result.options->directoryFile, "f");
    EXPECT_EQ(result.options->serverPublicIp, "1.2.3.4");
}

TEST(ParseCommandLine, NotSupportedYetNamesTheFirstSuchOption) {
    const ParseResult result = parse({"-s", "--noraw", "--serverbindip6", "::1", "-n"});
    expectError(result, "tutti: not supported yet: --noraw");
    EXPECT_EQ(result.startupLines.size(), 4u);
}

TEST(ParseCommandLine, LogAndStatusFilesAreAccepted) {
    const ParseResult result = parse({"-l", "log", "--htmlstatus", "s.html"});
    ASSERT_FALSE(result.shouldExit()) << result.errorLine;
    EXPECT_EQ(result.startupLines,
              (Lines{"- logging file name: log", "- HTML status file name: s.html"}));
    EXPECT_EQ(result.options->logFile, "log");
    EXPECT_EQ(result.options->htmlStatusFile, "s.html");
    EXPECT_EQ(parse({"--log", "a", "-m", "b"}).options->htmlStatusFile, "b");
}

TEST(ParseCommandLine, JsonRpcOptionsAreStoredAndCheckedAfterParsing) {
    const auto secret = std::filesystem::temp_directory_path() / "tutti-parser-secret";
    std::ofstream(secret) << "0123456789abcdef\n";
    const ParseResult result = parse({"--jsonrpcport", "0x10", "--jsonrpcsecretfile",
                                      secret.string(), "--jsonrpcbindip", "1.2.3.4"});
    std::filesystem::remove(secret);
    ASSERT_FALSE(result.shouldExit()) << result.errorLine;
    ASSERT_EQ(result.startupLines.size(), 4u);
    EXPECT_EQ(result.startupLines[0], "- JSON-RPC port number: 16");
    EXPECT_EQ(result.startupLines[1], "- JSON-RPC secret file: " + secret.string());
    EXPECT_EQ(result.startupLines[2], "- JSON-RPC will bind to: 1.2.3.4 if enabled");
    EXPECT_EQ(result.startupLines[3].rfind("- JSON-RPC: This interface is experimental", 0), 0u);
    EXPECT_EQ(result.options->jsonRpcPort, 16);
    EXPECT_EQ(result.options->jsonRpcSecret, "0123456789abcdef");
    EXPECT_EQ(result.options->jsonRpcBindIp, "1.2.3.4");

    expectError(parse({"--jsonrpcport", "1"}),
                "- JSON-RPC: --jsonrpcsecretfile is required. Exiting.");
    // The bind address is checked first, even without a port.
    expectError(parse({"--jsonrpcbindip", "::1"}),
                "The JSON-RPC address specified is not valid, exiting.");
}

TEST(ParseCommandLine, NotSupportedYetComesAfterParseErrorsAndClientOnly) {
    expectError(parse({"-T", "-u", "0"}), numericError("-u", "1", "150"));
    expectError(parse({"-T", "-x"}), "tutti: Unknown option '-x' -- use '--help' for help");
    expectError(parse({"-T", "-j"}),
                "tutti: Client only option(s) '--nojackconnect' used.  See '--help' for help");
}

TEST(ParseCommandLine, IniFileIsIgnoredWithAWarning) {
    const ParseResult result = parse({"-i", "my.ini", "-s"});
    ASSERT_FALSE(result.shouldExit());
    EXPECT_EQ(result.startupLines,
              (Lines{"- initialization file name: my.ini", "- server mode chosen",
                     "No initialization file support in headless server mode."}));
}

TEST(ParseCommandLine, BindIpMustBeAnIpv4Literal) {
    const std::string error = "Server Bind IPv4 is invalid. Only plain IP addresses are supported.";
    for (const char* bad : {"::1", "localhost", "1.2.3", "1.2.3.256", " 1.2.3.4", "1.2.3.4:80"}) {
        const ParseResult result = parse({"--serverbindip", bad});
        expectError(result, error);
        EXPECT_EQ(result.startupLines, Lines{std::string("- server bind IPv4: ") + bad});
    }
    expectError(parse({"--serverbindip4", "::"}), error);
    const ParseResult good = parse({"--serverbindip", "192.168.1.20"});
    ASSERT_FALSE(good.shouldExit());
    EXPECT_EQ(good.options->bindIpv4, "192.168.1.20");
    // Empty means all addresses, as when the option is absent.
    EXPECT_FALSE(parse({"--serverbindip", ""}).shouldExit());
}

TEST(ParseCommandLine, WelcomeMessageFromFile) {
    const auto path = std::filesystem::temp_directory_path() / "tutti_parser_welcome.html";
    { std::ofstream(path) << "<h1>Welcome</h1>\n"; }
    const ParseResult result = parse({"-w", path.string()});
    std::filesystem::remove(path);
    ASSERT_FALSE(result.shouldExit());
    EXPECT_EQ(result.options->welcomeMessage, "<h1>Welcome</h1>\n");
    EXPECT_EQ(result.options->welcomeMessageArg, path.string());
    EXPECT_EQ(result.startupLines, Lines{"- welcome message: " + path.string()});
}

TEST(PrintParseResult, StartupLinesAndErrorsGoToStderrHelpToStdout) {
    std::ostringstream out;
    std::ostringstream err;
    printParseResult(parse({"-s", "-x"}), out, err);
    EXPECT_EQ(out.str(), "");
    EXPECT_EQ(err.str(),
              "- server mode chosen\ntutti: Unknown option '-x' -- use '--help' for help\n");

    std::ostringstream vout;
    std::ostringstream verr;
    printParseResult(parse({"-n", "-v"}), vout, verr);
    EXPECT_EQ(verr.str(), "- no GUI mode chosen\n");
    EXPECT_TRUE(vout.str().starts_with(" *** Tutti, Version 9.9.9-test\n"));
}

TEST(ParseCommandLine, RecordingOptions) {
    const ParseResult result = parse({"-R", "rec dir", "--norecord", "--recordmix"});
    ASSERT_FALSE(result.shouldExit());
    EXPECT_EQ(result.options->recordingDir, "rec dir");
    EXPECT_TRUE(result.options->noRecord);
    EXPECT_TRUE(result.options->recordMix);
    EXPECT_EQ(result.startupLines, (Lines{"- recording directory name: rec dir",
                                          "- recording will not take place until enabled",
                                          "- recording the default mix as well"}));
    const ParseResult plain = parse({"--recording", "d"});
    ASSERT_FALSE(plain.shouldExit());
    EXPECT_FALSE(plain.options->noRecord);
    EXPECT_FALSE(plain.options->recordMix);
}

}  // namespace
}  // namespace tutti::app

namespace tutti::app {
namespace {

TEST(ParseCommandLine, MaxChannelsPerIpDefaultsTo32AndAcceptsARange) {
    EXPECT_EQ(parse({}).options->maxChannelsPerIp, 32);
    const ParseResult result = parse({"--maxchannelsperip", "4"});
    ASSERT_FALSE(result.shouldExit());
    EXPECT_EQ(result.options->maxChannelsPerIp, 4);
    EXPECT_EQ(result.startupLines, (Lines{"- maximum channels per IP address: 4"}));
    expectError(parse({"--maxchannelsperip", "0"}), numericError("--maxchannelsperip", "1", "150"));
}

}  // namespace
}  // namespace tutti::app
