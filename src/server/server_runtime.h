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

    // Returns an empty string on success, else why the server cannot run.
    std::string start();
    void stop();

    uint16_t port() const { return socket_.localPort(); }
    const engine::RtCounters& counters() const { return link_.counters; }

  private:
    void drainInbound();

    ServerConfig config_;
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
