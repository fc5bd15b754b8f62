#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <QTimer>
#include <memory>
#include <string>

#include "src/engine/mix_engine.h"
#include "src/engine/receiver.h"
#include "src/engine/rt_link.h"
#include "src/net/udp_socket.h"
#include "src/recorder/recorder_control.h"
#include "src/server/server_core.h"

namespace tutti::server {

// Owns the socket and the three threads and drives ServerCore from the Qt event loop of the
// control thread: woken by the receive thread's eventfd, and by a short timer for
// retransmissions and time-outs.
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
    void toggleRecording();  // SIGUSR2
    void newRecording();     // SIGUSR1

    // Returns an empty string on success, else why the server cannot run.
    std::string start();
    void stop();

    uint16_t port() const { return socket_.localPort(); }
    // For control-thread extensions (the directory): they see what ServerCore does not handle
    // and send from the server's own socket, as Jamulus does.
    void setConnectionlessHandler(ConnectionlessHandler* handler) {
        core_.setConnectionlessHandler(handler);
    }
    void sendDatagram(const net::PeerAddress& to, std::span<const uint8_t> data) const {
        socket_.sendTo(to, data);
    }
    const engine::RtCounters& counters() const { return link_.counters; }
    // For the service manager's STATUS= (src/app/systemd_*), until the command layer says it.
    int connectedCount() const { return core_.connectedCount(); }
    uint8_t recorderState() const { return core_.recorderState(); }

  private:
    void drainInbound();
    void reportRealtimeOnce();

    ServerConfig config_;
    ServerCore::LogFn log_;
    recorder::RecordingConfig recordingConfig_;
    engine::MixConfig engineConfig_;
    bool realtimeReported_ = false;
    std::unique_ptr<recorder::RecorderControl> recorder_;
    net::SocketConfig socketConfig_;
    net::UdpSocket socket_;
    engine::RtLink link_;
    ServerCore core_;
    engine::Receiver receiver_;
    std::unique_ptr<engine::MixEngine> mixer_;
    std::unique_ptr<QSocketNotifier> wakeNotifier_;
    QTimer timer_;
    bool running_ = false;
};

}  // namespace tutti::server
