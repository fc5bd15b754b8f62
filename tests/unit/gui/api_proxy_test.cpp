// ApiProxy: calls run on the control thread, events arrive on the GUI thread, and a blocked GUI
// thread does not block the control thread.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <atomic>

#include "src/gui/api_proxy.h"
#include "tests/unit/control/fake_operator_api.h"

namespace tutti::gui::test {
namespace {

using control::testing::FakeOperatorApi;

// Records which thread served the call.
class ThreadRecordingApi : public FakeOperatorApi {
  public:
    mutable QThread* lastThread = nullptr;
    std::vector<control::ClientInfo> clients() const override {
        lastThread = QThread::currentThread();
        return clientList;
    }
};

struct Listener : control::OperatorEvents {
    QThread* thread = nullptr;
    int connected = -1;
    void clientConnected(int id, const std::string&, int) override {
        thread = QThread::currentThread();
        connected = id;
    }
};

template <typename Pred>
bool processUntil(Pred pred, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
    return pred();
}

TEST(ApiProxy, CallsRunOnTheControlThreadAndEventsComeBackQueued) {
    QThread control;
    QObject* context = new QObject;
    context->moveToThread(&control);
    control.start();
    ThreadRecordingApi real;
    real.addClient(1, "Eve");
    QObject gui;
    {
        ApiProxy proxy(real, context, &gui);
        ASSERT_EQ(real.listeners.size(), 1u);  // the relay, subscribed on the control thread
        const auto clients = proxy.clients();
        ASSERT_EQ(clients.size(), 1u);
        EXPECT_EQ(clients[0].name, "Eve");
        EXPECT_EQ(real.lastThread, &control);
        EXPECT_EQ(proxy.kick(1, "bye", "window"), control::CommandError::None);

        Listener listener;
        proxy.subscribe(&listener);
        // The control thread raises an event; it must reach the listener on this thread.
        std::atomic<bool> raised{false};
        QMetaObject::invokeMethod(context, [&] {
            real.listeners[0]->clientConnected(7, "127.0.0.1", 1);
            raised = true;
        });
        ASSERT_TRUE(processUntil([&] { return listener.connected == 7; }, 5000));
        EXPECT_TRUE(raised);
        EXPECT_EQ(listener.thread, QThread::currentThread());

        proxy.detach();
        EXPECT_TRUE(real.listeners.empty());
        EXPECT_TRUE(proxy.clients().empty());  // refused after detach
    }
    QMetaObject::invokeMethod(
        context, [context] { delete context; }, Qt::BlockingQueuedConnection);
    control.quit();
    control.wait();
}

TEST(ApiProxy, ABlockedGuiThreadDoesNotBlockTheControlThread) {
    QThread control;
    QObject* context = new QObject;
    context->moveToThread(&control);
    control.start();
    FakeOperatorApi real;
    QObject gui;
    ApiProxy proxy(real, context, &gui);
    Listener listener;
    proxy.subscribe(&listener);
    // While this (GUI) thread does not run its loop, the control thread raises events and keeps
    // serving its own queue.
    std::atomic<int> served{0};
    for (int i = 0; i < 50; ++i) {
        QMetaObject::invokeMethod(context, [&] {
            real.listeners[0]->clientConnected(1, "127.0.0.1", 1);
            ++served;
        });
    }
    QElapsedTimer t;
    t.start();
    while (served < 50 && t.elapsed() < 5000) {
        QThread::msleep(2);  // deliberately not processing events
    }
    EXPECT_EQ(served, 50);
    EXPECT_EQ(listener.connected, -1);  // nothing delivered while blocked
    ASSERT_TRUE(processUntil([&] { return listener.connected == 1; }, 5000));
    proxy.detach();
    QMetaObject::invokeMethod(
        context, [context] { delete context; }, Qt::BlockingQueuedConnection);
    control.quit();
    control.wait();
}

}  // namespace
}  // namespace tutti::gui::test
