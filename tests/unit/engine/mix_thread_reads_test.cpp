// The mix thread reading the socket itself (issue 13): how often it asks its InboundPump to read,
// idle and ticking. A counting pump stands in for the socket.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "loopback_socket.h"
#include "src/engine/mix_engine.h"
#include "thread_names.h"

namespace tutti::engine {
namespace {

class CountingPump : public InboundPump {
  public:
    void drainNow() override { drains.fetch_add(1); }
    void waitAndDrain(int64_t timeoutNs) override {
        waits.fetch_add(1);
        std::this_thread::sleep_for(std::chrono::nanoseconds(timeoutNs / 4));
    }
    std::atomic<uint64_t> drains{0};
    std::atomic<uint64_t> waits{0};
};

template <typename Pred>
bool waitUntil(Pred pred, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

TEST(MixThreadReads, IdleItWaitsOnThePumpTickingItDrainsOnceToTwicePerTick) {
    RtLink link(4);
    net::UdpSocket socket;
    const net::SocketConfig cfg = test::loopbackServerConfig();
    ASSERT_EQ(socket.open(cfg), "");
    MixConfig config{4, 128, false, 0, false};
    config.receiveDrainsPerTick = 2;
    MixEngine engine(config, socket, link);
    CountingPump pump;
    engine.setInboundPump(&pump);
    engine.start();
    const bool mixThreadWasNamed = test::threadNamed("tutti-mix");  // as top -H shows it

    // Nobody connected: no ticks, the pump's idle wait instead.
    ASSERT_TRUE(waitUntil([&] { return pump.waits.load() >= 3; }, std::chrono::seconds(5)));
    EXPECT_EQ(link.counters.ticks.load(), 0u);
    EXPECT_EQ(pump.drains.load(), 0u);

    MixCommand connect;
    connect.kind = MixCommand::Kind::Connect;
    connect.slot = 0;
    connect.generation = 1;
    link.mixCommands.push(connect);
    ASSERT_TRUE(
        waitUntil([&] { return link.counters.ticks.load() >= 200; }, std::chrono::seconds(10)));
    engine.stop();

    EXPECT_TRUE(mixThreadWasNamed);

    const uint64_t ticks = link.counters.ticks.load();
    const uint64_t drains = pump.drains.load();
    // One read right before every tick, one more between ticks unless the tick before ran
    // past that point (then it is skipped, never doubled).
    EXPECT_GE(drains, ticks);
    EXPECT_LE(drains, 2 * ticks + 2);
}

}  // namespace
}  // namespace tutti::engine
