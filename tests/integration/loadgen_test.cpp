// The load generator against a real tutti-server at a small N: a correctness test, not a speed
// test. Every simulated client must get its personal mix all through the window, in its own
// format, and every mix frame must decode.
#include <gtest/gtest.h>

#include <sstream>

#include "server_process.h"
#include "tools/loadgen/load_generator.h"

namespace tutti::test {
namespace {

using loadgen::LoadOptions;
using loadgen::LoadResult;
using loadgen::MixMode;

LoadResult runAgainstServer(ServerProcess& server, LoadOptions options) {
    options.serverPort = server.port();
    options.serverPid = server.pid();
    options.decodeCheck = true;
    std::ostringstream log;
    LoadResult result = loadgen::runLoad(options, &log);
    // On failure the summary is the first thing to read.
    std::cout << log.str() << loadgen::formatSummary(result);
    return result;
}

void expectEveryClientServed(const LoadResult& r) {
    EXPECT_EQ(r.joined, r.options.clients);
    for (const auto& c : r.clients) {
        SCOPED_TRACE("client " + std::to_string(c.index) + " channel " +
                     std::to_string(c.channelId));
        EXPECT_TRUE(c.joined);
        EXPECT_GE(c.channelId, 0);
        EXPECT_GE(c.delivered, 0.99);
        EXPECT_LE(c.delivered, 1.01);
        EXPECT_EQ(c.wrongSize, 0u);
        EXPECT_EQ(c.decodeErrors, 0u);
        EXPECT_GT(c.framesDecoded, 0u);
        // Every mix carries at least the client's own tone once faded in.
        EXPECT_LT(c.silentFrames, c.framesDecoded / 2);
    }
    EXPECT_EQ(r.decodeErrors, 0u);
}

TEST(LoadGenerator, TwentyStereoClientsWithDifferentMixesAllGetTheirMix) {
    ServerProcess server({"-u", "20"});
    ASSERT_TRUE(server.started()) << server.stderrText();
    LoadOptions o;
    o.clients = 20;
    o.frameSamples = 128;
    o.channels = 2;
    o.joinOverS = 1.0;
    o.settleS = 0.5;
    o.durationS = 3.0;
    o.mixes = MixMode::Different;
    o.faderMoves = 0.25;
    o.faderIntervalS = 1.0;
    const LoadResult r = runAgainstServer(server, o);
    expectEveryClientServed(r);
    EXPECT_GT(r.faderMessages, 0u);
    EXPECT_TRUE(server.running());
}

TEST(LoadGenerator, MonoSmallFrameClientsGetTheirMix) {
    ServerProcess server({"-u", "10"});
    ASSERT_TRUE(server.started()) << server.stderrText();
    LoadOptions o;
    o.clients = 8;
    o.frameSamples = 64;
    o.channels = 1;
    o.joinOverS = 0.5;
    o.settleS = 0.5;
    o.durationS = 2.0;
    const LoadResult r = runAgainstServer(server, o);
    expectEveryClientServed(r);
    EXPECT_TRUE(server.running());
}

}  // namespace
}  // namespace tutti::test
