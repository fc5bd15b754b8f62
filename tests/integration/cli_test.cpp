// The real binary's command-line behaviour: exit status and the lines operators and scripts see.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "server_process.h"

namespace tutti::test {
namespace {

struct RunResult {
    int status = -1;
    std::string output;  // stdout and stderr together
};

RunResult run(const std::string& args) {
    RunResult r;
    // timeout bounds the wait should the server unexpectedly start serving.
    const std::string cmd = "timeout 10 " + ServerProcess::binaryPath() + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) {
        r.output.append(buf.data(), n);
    }
    const int status = pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

TEST(Cli, HelpAndVersionExitZero) {
    auto h = run("--help");
    EXPECT_EQ(h.status, 0);
    EXPECT_NE(h.output.find("--numchannels"), std::string::npos);
    auto v = run("-v");
    EXPECT_EQ(v.status, 0);
    EXPECT_EQ(v.output.rfind(" *** ", 0), 0u) << v.output;
}

TEST(Cli, OutOfRangeNumberIsRefusedWithJamulusMessage) {
    auto r = run("-u 151");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("'-u' needs a numeric argument from '1' to '150'."), std::string::npos)
        << r.output;
}

TEST(Cli, UnknownOptionIsRefused) {
    auto r = run("--port=22124");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("Unknown option '--port=22124' -- use '--help' for help"),
              std::string::npos)
        << r.output;
}

TEST(Cli, ClientOnlyOptionIsRefused) {
    auto r = run("-c 127.0.0.1");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("Client only option(s) '--connect' used."), std::string::npos)
        << r.output;
}

TEST(Cli, FeatureNotBuiltYetStopsTheServer) {
    auto r = run("-n --noraw");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("not supported yet: --noraw"), std::string::npos) << r.output;
}

TEST(Cli, JsonRpcSecretFileProblemsAreFatal) {
    auto r = run("-n --jsonrpcport 8765");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("- JSON-RPC: --jsonrpcsecretfile is required. Exiting."),
              std::string::npos)
        << r.output;
    r = run("-n --jsonrpcport 8765 --jsonrpcsecretfile /nonexistent/tutti-secret");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("- JSON-RPC: Unable to open secret file /nonexistent/tutti-secret. "
                            "Exiting."),
              std::string::npos)
        << r.output;
}

TEST(Cli, BusyPortIsFatal) {
    ServerProcess first;
    ASSERT_TRUE(first.started());
    auto r = run("-n -p " + std::to_string(first.port()));
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find("Cannot bind the socket"), std::string::npos) << r.output;
}

TEST(Cli, SigtermStopsCleanlyWithStatusZero) {
    ServerProcess server;
    ASSERT_TRUE(server.started());
    EXPECT_EQ(server.stop(), 0);
    EXPECT_NE(server.stderrText().find("- selected port number:"), std::string::npos);
}

}  // namespace
}  // namespace tutti::test
