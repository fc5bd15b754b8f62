#include "src/server/server_runtime.h"

namespace tutti::server {

ServerRuntime::ServerRuntime(const ServerConfig& config, const net::SocketConfig& socketConfig,
                             ServerCore::LogFn log)
    : config_(config),
      socketConfig_(socketConfig),
      link_(config.maxChannels),
      core_(
          config, link_,
          [this](const net::PeerAddress& to, std::span<const uint8_t> data) {
              socket_.sendTo(to, data);
          },
          std::move(log)),
      receiver_(socket_, link_) {}

ServerRuntime::~ServerRuntime() {
    stop();
}

std::string ServerRuntime::start() {
    if (std::string err = socket_.open(socketConfig_); !err.empty()) {
        return err;
    }
    mixer_ = std::make_unique<engine::MixEngine>(engine::MixConfig{config_.maxChannels, 128},
                                                 socket_, link_);
    receiver_.start();
    mixer_->start();

    wakeNotifier_ = std::make_unique<QSocketNotifier>(link_.wakeFd(), QSocketNotifier::Read);
    QObject::connect(wakeNotifier_.get(), &QSocketNotifier::activated, this, [this] {
        link_.drainWake();
        drainInbound();
    });
    // 20 ms is fine-grained enough for 400 ms retransmissions and the 30 s time-out, and keeps
    // auto jitter-size notices timely.
    timer_.setInterval(20);
    QObject::connect(&timer_, &QTimer::timeout, this, [this] {
        drainInbound();
        core_.onTimer(ServerCore::Clock::now());
    });
    timer_.start();
    running_ = true;
    return {};
}

void ServerRuntime::drainInbound() {
    const auto now = ServerCore::Clock::now();
    while (engine::InboundDatagram* d = link_.inbound.beginRead()) {
        core_.onDatagram(*d, now);
        link_.inbound.commitRead();
    }
}

void ServerRuntime::stop() {
    if (!running_) {
        return;
    }
    running_ = false;
    timer_.stop();
    wakeNotifier_.reset();
    core_.shutdown();
    receiver_.stop();
    if (mixer_) {
        mixer_->stop();
    }
    socket_.close();
}

}  // namespace tutti::server
