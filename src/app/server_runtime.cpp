#include "src/app/server_runtime.h"

#include <algorithm>
#include <cstdlib>

namespace tutti::app {

ServerRuntime::ServerRuntime(const ServerConfig& config, const net::SocketConfig& socketConfig,
                             ServerCore::LogFn log)
    : config_(config),
      log_(log),
      socketConfig_(socketConfig),
      link_(config.maxChannels),
      core_(
          config, link_,
          [this](const net::PeerAddress& to, std::span<const uint8_t> data) {
              socket_.sendTo(to, data);
              // Control thread only; relaxed counters for /metrics.
              link_.counters.controlDatagramsSent.fetch_add(1, std::memory_order_relaxed);
              link_.counters.controlBytesSent.fetch_add(data.size(), std::memory_order_relaxed);
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
    recordingConfig_.maxChannels = config_.maxChannels;
    recordingConfig_.frameSamples = engineConfig_.tickSamples;  // -F: offsets in 64s
    recorder_ = std::make_unique<recorder::RecorderControl>(recordingConfig_, log_);
    // A directory set at run time creates the tap while the mix thread runs.
    recorder_->setTapListener([this](engine::RecorderTap* tap) {
        if (mixer_) {
            mixer_->setRecorderTap(tap);
        }
    });
    recorder_->initialise();
    recorderChannels_ = std::make_unique<RecorderChannels>(*recorder_);
    core_.setChannelListener(recorderChannels_.get());
    core_.setRecorderState(recorder_->state(), ServerCore::Clock::now());
    recorder_->setStateListener(
        [this](uint8_t state) { core_.setRecorderState(state, ServerCore::Clock::now()); });
    if (onRecorderReady_) {
        onRecorderReady_(*recorder_);
    }
    engineConfig_.maxChannels = config_.maxChannels;
    // A receive thread of its own reads the socket: a flood then costs that thread's core, not
    // the mix thread's ticks (BENCHMARKS.md, issue 13). Experimental switch:
    // TUTTI_RECEIVE_DRAINS_PER_TICK=N > 0 has the mix thread read the socket N times per tick
    // instead, cheaper by 3-9 % at 100 clients but not isolated from floods.
    engineConfig_.receiveDrainsPerTick = 0;
    if (const char* drains = std::getenv("TUTTI_RECEIVE_DRAINS_PER_TICK")) {
        engineConfig_.receiveDrainsPerTick = std::clamp(std::atoi(drains), 0, 8);
    }
    const bool receiveThread = engineConfig_.receiveDrainsPerTick == 0;
    mixer_ = std::make_unique<engine::MixEngine>(engineConfig_, socket_, link_);
    if (!receiveThread) {
        mixer_->setInboundPump(&receiver_);
    }
    log_("Mix engine: " + std::to_string(engineConfig_.tickSamples) + "-sample ticks, " +
         std::to_string(mixer_->stats().workerThreads.load()) + " mixing thread(s)" +
         (engineConfig_.delayPan ? ", delay panning" : "") +
         (receiveThread ? ", receive thread"
                        : ", socket read " + std::to_string(engineConfig_.receiveDrainsPerTick) +
                              "x per tick by the mix thread"));
    mixer_->setRecorderTap(recorder_->tap());
    mixer_->setMixOutSink(mixOutSink_);
    mixer_->setExternalInput(externalInput_);
    recorder_->start();
    if (receiveThread) {
        receiver_.start();
    }
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
        reportRealtimeOnce();
        recorder_->poll();
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
        log_(mixer_->stats().summary(link_.counters.ticks.load(), link_.counters.lateTicks.load()));
    }
    // Only now that no more audio can arrive: finish the session, .rpp and .lof included.
    recorder_->stop();
    socket_.close();
}

void ServerRuntime::setDelayPanning(bool on) {
    if (engineConfig_.delayPan == on) {
        return;
    }
    engineConfig_.delayPan = on;
    if (running_) {
        core_.setDelayPanning(on);
    }
}

void ServerRuntime::reportRealtimeOnce() {
    const int rt = mixer_ ? mixer_->stats().realtimeScheduling.load() : -1;
    if (realtimeReported_ || rt < 0) {
        return;
    }
    realtimeReported_ = true;
    log_(rt == 1 ? "Real-time scheduling (SCHED_FIFO) enabled for the mix threads"
                 : "Real-time scheduling not permitted, mixing at normal priority (grant "
                   "CAP_SYS_NICE or LimitRTPRIO= to the service for fewer late ticks)");
}

}  // namespace tutti::app
