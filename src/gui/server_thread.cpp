#include "src/gui/server_thread.h"

#include <iostream>

#include "src/app/server_process.h"

namespace tutti::gui {

ServerThread::ServerThread(const app::ServerOptions& options, std::string version,
                           std::function<void()> quit)
    : options_(options), version_(std::move(version)), quit_(std::move(quit)) {
    thread_.setObjectName("control");
}

ServerThread::~ServerThread() {
    stop();
}

int ServerThread::start(const std::string& argv0) {
    context_ = new QObject;
    context_->moveToThread(&thread_);
    thread_.start();
    int rc = 1;
    // Built on the control thread, so its sockets and timers belong to that thread's loop.
    QMetaObject::invokeMethod(
        context_,
        [&] {
            process_ = std::make_unique<app::ServerProcess>(
                options_, version_, [](const std::string& line) { std::cerr << line << std::endl; },
                quit_);
            rc = process_->start(argv0);
        },
        Qt::BlockingQueuedConnection);
    return rc;
}

void ServerThread::stop() {
    if (context_ == nullptr) {
        return;
    }
    QMetaObject::invokeMethod(
        context_,
        [this] {
            if (process_) {
                process_->stop();
                process_.reset();
            }
            delete context_;
        },
        Qt::BlockingQueuedConnection);
    context_ = nullptr;
    thread_.quit();
    thread_.wait();
}

control::OperatorApi& ServerThread::api() {
    return process_->api();
}

}  // namespace tutti::gui
