#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <QTimer>
#include <functional>
#include <memory>
#include <string>

#include "src/engine/mix_engine.h"
#include "src/engine/receiver.h"
#include "src/engine/rt_link.h"
#include "src/engine/steered_receive.h"
#include "src/net/udp_socket.h"
#include "src/recorder/recorder_control.h"
#include "src/server/server_core.h"

namespace tutti::app {

using server::ServerConfig;
using server::ServerCore;

// Owns the socket, the three threads and the jam recorder, and drives ServerCore from the Qt
// event loop of the control thread: woken by the socket reader's eventfd, and by a short timer
// for retransmissions and time-outs.
class ServerRuntime : public QObject {
  public:
    ServerRuntime(const ServerConfig& config, const net::SocketConfig& socketConfig,
                  ServerCore::LogFn log);
    ~ServerRuntime() override;

    // The jam recorder (-R, --norecord, --recordmix); call before start(), which checks the
    // directory and logs the recorder's state line.
    void setRecording(const recorder::RecordingConfig& config) { recordingConfig_ = config; }
    // Tick size, delay panning, worker threads; maxChannels is taken from the server config.
    void setEngine(const engine::MixConfig& config) { engineConfig_ = config; }
    // Live mix out's sink (issue 14); call before start(). Not owned; must outlive stop().
    void setMixOutSink(engine::MixOutSink* sink) { mixOutSink_ = sink; }
    // Outside audio for every mix (--mixoutinput); same rules.
    void setExternalInput(engine::ExternalInput* input) { externalInput_ = input; }
    // Delay panning, at any time: kept for the next start and sent to a running mix thread.
    void setDelayPanning(bool on);
    bool delayPanning() const { return engineConfig_.delayPan; }

    // Returns an empty string on success, else why the server cannot run.
    std::string start();
    void stop();

    uint16_t port() const { return socket_.localPort(); }
    // For control-thread extensions (the directory): they see what ServerCore does not handle
    // and send from the server's own socket, as Jamulus does.
    void setConnectionlessHandler(server::ConnectionlessHandler* handler) {
        core_.setConnectionlessHandler(handler);
    }
    // The operator side's view of what happens to clients (the command layer's adapter).
    void setEventListener(server::ServerEventListener* listener) {
        core_.setEventListener(listener);
    }
    // Called after start() has created the recorder, before any client can connect.
    void setRecorderReady(std::function<void(recorder::RecorderControl&)> fn) {
        onRecorderReady_ = std::move(fn);
    }
    // Directory traffic; counted with the control thread's other sends for /metrics.
    void sendDatagram(const net::PeerAddress& to, std::span<const uint8_t> data) {
        socket_.sendTo(to, data);
        link_.counters.controlDatagramsSent.fetch_add(1, std::memory_order_relaxed);
        link_.counters.controlBytesSent.fetch_add(data.size(), std::memory_order_relaxed);
    }
    const engine::RtCounters& counters() const { return link_.counters; }
    const engine::RtLink& link() const { return link_; }
    ServerCore& core() { return core_; }
    const ServerCore& core() const { return core_; }
    // Null before start() and after stop().
    const engine::MixEngine* mixer() const { return mixer_.get(); }
    recorder::RecorderControl* recorder() { return recorder_.get(); }
    const recorder::RecorderControl* recorder() const { return recorder_.get(); }

  private:
    void drainInbound();
    void reportRealtimeOnce();
    void reportFloodHandovers();

    // RecorderControl learns of channels through this (the recorder does not know ServerCore).
    class RecorderChannels : public server::ChannelListener {
      public:
        explicit RecorderChannels(recorder::RecorderControl& r) : recorder_(r) {}
        void channelOpened(int slot, uint32_t generation,
                           const net::PeerAddress& address) override {
            recorder_.channelOpened(slot, generation, address);
        }
        void channelNamed(int slot, const std::string& name) override {
            recorder_.channelNamed(slot, name);
        }
        void channelClosed(int slot, uint32_t generation) override {
            recorder_.channelClosed(slot, generation);
        }

      private:
        recorder::RecorderControl& recorder_;
    };

    ServerConfig config_;
    ServerCore::LogFn log_;
    recorder::RecordingConfig recordingConfig_;
    engine::MixConfig engineConfig_;
    engine::MixOutSink* mixOutSink_ = nullptr;
    engine::ExternalInput* externalInput_ = nullptr;
    bool realtimeReported_ = false;
    std::unique_ptr<recorder::RecorderControl> recorder_;
    std::unique_ptr<RecorderChannels> recorderChannels_;
    std::function<void(recorder::RecorderControl&)> onRecorderReady_;
    net::SocketConfig socketConfig_;
    net::UdpSocket socket_;  // the protocol socket when the port is two steered sockets
    net::UdpSocket audioSocket_;
    engine::RtLink link_;
    ServerCore core_;
    engine::Receiver receiver_;
    engine::SteeredReceive steered_;
    uint64_t floodHandoversSeen_ = 0;
    ServerCore::Clock::time_point floodLoggedAt_{};
    std::unique_ptr<engine::MixEngine> mixer_;
    std::unique_ptr<QSocketNotifier> wakeNotifier_;
    QTimer timer_;
    bool running_ = false;
};

}  // namespace tutti::app
