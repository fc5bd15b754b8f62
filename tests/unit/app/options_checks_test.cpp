#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "src/app/options_checks.h"

namespace tutti::app {
namespace {

TEST(IpLiterals, Ipv4) {
    EXPECT_TRUE(isIpv4Literal("0.0.0.0"));
    EXPECT_TRUE(isIpv4Literal("192.168.0.1"));
    EXPECT_FALSE(isIpv4Literal(""));
    EXPECT_FALSE(isIpv4Literal("192.168.0"));
    EXPECT_FALSE(isIpv4Literal("192.168.0.1 "));
    EXPECT_FALSE(isIpv4Literal("::1"));
    EXPECT_FALSE(isIpv4Literal("example.org"));
}

TEST(IpLiterals, Ipv6) {
    EXPECT_TRUE(isIpv6Literal("::"));
    EXPECT_TRUE(isIpv6Literal("2001:db8::2"));
    EXPECT_TRUE(isIpv6Literal("::ffff:1.2.3.4"));
    EXPECT_FALSE(isIpv6Literal("1.2.3.4"));
    EXPECT_FALSE(isIpv6Literal("[::1]"));
    EXPECT_FALSE(isIpv6Literal(""));
}

TEST(CheckParsedOptions, DefaultsPass) {
    std::vector<std::string> lines;
    ServerOptions defaults;
    EXPECT_EQ(checkParsedOptions(defaults, lines), std::nullopt);
    EXPECT_TRUE(lines.empty());
}

TEST(CheckParsedOptions, IniFileWarns) {
    ServerOptions options;
    options.iniFile = "x.ini";
    std::vector<std::string> lines{"earlier"};
    EXPECT_EQ(checkParsedOptions(options, lines), std::nullopt);
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "earlier", "No initialization file support in headless server mode."}));
}

TEST(CheckParsedOptions, BindAddresses) {
    std::vector<std::string> lines;
    ServerOptions v4;
    v4.bindIpv4 = "::1";
    EXPECT_EQ(checkParsedOptions(v4, lines),
              "Server Bind IPv4 is invalid. Only plain IP addresses are supported.");

    ServerOptions v6;
    v6.bindIpv6 = "1.2.3.4";
    EXPECT_EQ(checkParsedOptions(v6, lines),
              "Server Bind IPv6 is invalid. Only plain IPv6 addresses are supported.");
    v6.bindIpv6 = "::1";
    EXPECT_EQ(checkParsedOptions(v6, lines), std::nullopt);
    v6.noIpv6 = true;
    EXPECT_EQ(checkParsedOptions(v6, lines), "IPv6 is disabled; --serverbindip6 not allowed.");
}

TEST(CheckParsedOptions, JsonRpcBindAddress) {
    std::vector<std::string> lines;
    ServerOptions options;
    options.jsonRpcBindIp = "";
    EXPECT_EQ(checkParsedOptions(options, lines),
              "The JSON-RPC bind address provided is empty, exiting.");
    options.jsonRpcBindIp = "::1";
    EXPECT_EQ(checkParsedOptions(options, lines),
              "The JSON-RPC address specified is not valid, exiting.");
    options.jsonRpcBindIp = "0.0.0.0";
    EXPECT_EQ(checkParsedOptions(options, lines), std::nullopt);
}

// A secret file in the test's own temporary directory, removed afterwards.
class SecretFile {
  public:
    explicit SecretFile(const std::string& content) {
        path_ = (std::filesystem::temp_directory_path() /
                 ("tutti-secret-" + std::to_string(getpid()) + "-" + std::to_string(++count_)))
                    .string();
        std::ofstream(path_, std::ios::binary) << content;
    }
    ~SecretFile() { std::filesystem::remove(path_); }
    const std::string& path() const { return path_; }

  private:
    static inline int count_ = 0;
    std::string path_;
};

constexpr const char* kExperimental =
    "- JSON-RPC: This interface is experimental and is subject to breaking changes even on "
    "patch versions (not subject to semantic versioning) during the initial phase.";

TEST(CheckParsedOptions, JsonRpcNeedsASecretFile) {
    std::vector<std::string> lines;
    ServerOptions options;
    options.jsonRpcPort = 22222;
    EXPECT_EQ(checkParsedOptions(options, lines),
              "- JSON-RPC: --jsonrpcsecretfile is required. Exiting.");
    options.jsonRpcSecretFile = "/nonexistent/secret";
    EXPECT_EQ(checkParsedOptions(options, lines),
              "- JSON-RPC: Unable to open secret file /nonexistent/secret. Exiting.");
    options.jsonRpcSecretFile = std::filesystem::temp_directory_path().string();
    EXPECT_EQ(checkParsedOptions(options, lines),
              "- JSON-RPC: Unable to open secret file " + options.jsonRpcSecretFile + ". Exiting.");
    EXPECT_TRUE(lines.empty());
}

TEST(CheckParsedOptions, JsonRpcSecretNeedsSixteenCharactersOfTheFirstLine) {
    std::vector<std::string> lines;
    ServerOptions options;
    options.jsonRpcPort = 22222;
    SecretFile shortOne("0123456789abcde\nsecond line is not part of it\n");
    options.jsonRpcSecretFile = shortOne.path();
    EXPECT_EQ(checkParsedOptions(options, lines),
              "JSON-RPC: Refusing to run with secret of length 15 (required: 16). Exiting.");
    SecretFile empty("");
    options.jsonRpcSecretFile = empty.path();
    EXPECT_EQ(checkParsedOptions(options, lines),
              "JSON-RPC: Refusing to run with secret of length 0 (required: 16). Exiting.");
    // Characters, not bytes: 15 umlauts are 30 bytes and still too short.
    SecretFile umlauts(
        "\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4"
        "\u00e4");
    options.jsonRpcSecretFile = umlauts.path();
    EXPECT_EQ(checkParsedOptions(options, lines),
              "JSON-RPC: Refusing to run with secret of length 15 (required: 16). Exiting.");
    EXPECT_TRUE(lines.empty());

    SecretFile exact(" 0123456789abcd \r\nrest");
    options.jsonRpcSecretFile = exact.path();
    EXPECT_EQ(checkParsedOptions(options, lines), std::nullopt);
    EXPECT_EQ(options.jsonRpcSecret, " 0123456789abcd ");  // only the line end is removed
    EXPECT_EQ(lines, std::vector<std::string>{kExperimental});
}

TEST(CheckParsedOptions, SecretFileAloneIsIgnored) {
    std::vector<std::string> lines;
    ServerOptions options;
    options.jsonRpcSecretFile = "/nonexistent/secret";
    EXPECT_EQ(checkParsedOptions(options, lines), std::nullopt);
    EXPECT_TRUE(options.jsonRpcSecret.empty());
    EXPECT_TRUE(lines.empty());
}

}  // namespace
}  // namespace tutti::app
