#include "src/app/server_runtime.h"

#include "src/net/steered_sockets.h"

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
      receiver_(socket_, link_),
      steered_(socket_, audioSocket_, link_) {}

ServerRuntime::~ServerRuntime() {
    stop();
}

std::string ServerRuntime::start() {
    // Two sockets on the port, steered apart by the kernel: audio for the mix thread to read
    // before each tick, protocol messages for a receive thread (BENCHMARKS.md, issue 13).
    // Experimental switch: TUTTI_RECEIVE_DRAINS_PER_TICK=N opens one socket, read by a receive
    // thread (N = 0) or N times per tick by the mix thread, cheaper at 100 clients but not
    // isolated from floods.
    const char* drainsSetting = std::getenv("TUTTI_RECEIVE_DRAINS_PER_TICK");
    std::string notSteered = "TUTTI_RECEIVE_DRAINS_PER_TICK is set";
    if (drainsSetting != nullptr) {
        if (std::string err = socket_.open(socketConfig_); !err.empty()) {
            return err;
        }
    } else {
        const net::SteeredSockets opened =
            net::openSteeredSockets(socketConfig_, socket_, audioSocket_);
        if (!opened.error.empty()) {
            return opened.error;
        }
        notSteered = opened.notSteered;
    }
    const bool steered = notSteered.empty();
    link_.audioReader = steered;
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
    // One socket: a receive thread of its own reads it, so a flood costs that thread's core,
    // not the mix thread's ticks.
    engineConfig_.receiveDrainsPerTick =
        steered ? 1 : std::clamp(drainsSetting ? std::atoi(drainsSetting) : 0, 0, 8);
    const bool receiveThread = !steered && engineConfig_.receiveDrainsPerTick == 0;
    mixer_ = std::make_unique<engine::MixEngine>(engineConfig_, socket_, link_);
    if (steered) {
        mixer_->setInboundPump(&steered_);
    } else if (!receiveThread) {
        mixer_->setInboundPump(&receiver_);
    }
    std::string reading =
        steered ? ", audio read by the mix thread before each tick, protocol messages by the "
                  "receive thread (two steered sockets)"
                : ", socket read " + std::to_string(engineConfig_.receiveDrainsPerTick) +
                      "x per tick by the mix thread (" + notSteered + ")";
    if (receiveThread) {
        reading = ", one socket read by the receive thread (" + notSteered + ")";
    }
    log_("Mix engine: " + std::to_string(engineConfig_.tickSamples) + "-sample ticks, " +
         std::to_string(mixer_->stats().workerThreads.load()) + " mixing thread(s)" +
         (engineConfig_.delayPan ? ", delay panning" : "") + reading);
    mixer_->setRecorderTap(recorder_->tap());
    mixer_->setMixOutSink(mixOutSink_);
    mixer_->setExternalInput(externalInput_);
    recorder_->start();
    if (steered) {
        steered_.start();
    } else if (receiveThread) {
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
        reportFloodHandovers();
        recorder_->poll();
    });
    timer_.start();
    running_ = true;
    return {};
}

void ServerRuntime::drainInbound() {
    const auto now = ServerCore::Clock::now();
    // Audio from new addresses first: it is what opens a channel for a joining client.
    for (auto* ring : {&link_.audioInbound, &link_.inbound}) {
        while (engine::InboundDatagram* d = ring->beginRead()) {
            core_.onDatagram(*d, now);
            ring->commitRead();
        }
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
    steered_.stop();
    if (mixer_) {
        mixer_->stop();
        log_(mixer_->stats().summary(link_.counters.ticks.load(), link_.counters.lateTicks.load()));
    }
    // Only now that no more audio can arrive: finish the session, .rpp and .lof included.
    recorder_->stop();
    socket_.close();
    audioSocket_.close();
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

void ServerRuntime::reportFloodHandovers() {
    // At most once a minute: a flood that comes and goes would otherwise fill the log.
    const uint64_t handovers = link_.counters.floodHandovers.load(std::memory_order_relaxed);
    const auto now = ServerCore::Clock::now();
    if (handovers == floodHandoversSeen_ || now - floodLoggedAt_ < std::chrono::minutes(1)) {
        return;
    }
    floodHandoversSeen_ = handovers;
    floodLoggedAt_ = now;
    log_(
        "A flood of datagrams from unknown addresses reached the audio socket: the receive "
        "thread reads clients' audio until a second passes without one (" +
        std::to_string(handovers) + " time(s) since start)");
}

}  // namespace tutti::app
