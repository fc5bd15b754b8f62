#include <gtest/gtest.h>

#include "fake_server.h"
#include "src/control/command_layer.h"

namespace tutti::control {
namespace {

// Unsubscribes another listener (as a front end closing a connection would) when it hears of a
// disconnect.
struct Remover : OperatorEvents {
    EventFanOut* fanOut = nullptr;
    OperatorEvents* victim = nullptr;
    OperatorEvents* newcomer = nullptr;
    int calls = 0;
    void clientDisconnected(int) override {
        ++calls;
        fanOut->remove(victim);
        if (newcomer != nullptr) {
            fanOut->add(newcomer);
        }
    }
};

TEST(EventFanOut, AListenerRemovedDuringDeliveryIsNotCalledAgain) {
    EventFanOut fanOut;
    test::EventLog before;
    Remover remover;
    test::EventLog victim;
    test::EventLog newcomer;
    remover.fanOut = &fanOut;
    remover.victim = &victim;
    remover.newcomer = &newcomer;
    fanOut.add(&before);
    fanOut.add(&remover);
    fanOut.add(&victim);
    fanOut.clientDisconnected(5);
    EXPECT_EQ(before.lines, std::vector<std::string>{"disconnected 5"});
    EXPECT_EQ(remover.calls, 1);
    EXPECT_TRUE(victim.lines.empty());
    EXPECT_TRUE(newcomer.lines.empty());  // joins with the next event
    fanOut.clientDisconnected(6);
    EXPECT_EQ(newcomer.lines, std::vector<std::string>{"disconnected 6"});
    EXPECT_TRUE(victim.lines.empty());
}

TEST(EventFanOut, NullIsIgnored) {
    EventFanOut fanOut;
    fanOut.add(nullptr);
    fanOut.clientConnected(0, "1.2.3.4", 1);  // must not crash
    SUCCEED();
}

}  // namespace
}  // namespace tutti::control
