#include <gtest/gtest.h>

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
    EXPECT_EQ(checkParsedOptions(ServerOptions{}, lines), std::nullopt);
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

}  // namespace
}  // namespace tutti::app
