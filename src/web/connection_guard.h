// Bounds what one HTTP client may cost the control thread: how many connections are open at
// once, how many bytes a request may take before it is answered, how long a request may take to
// arrive (slowloris) and how long a kept-alive connection may idle. A connection past a bound is
// aborted; the audio threads never see any of this.
#pragma once

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <cstdint>

namespace tutti::web {

struct ConnectionLimits {
    int maxConnections = 16;
    qint64 maxRequestBytes = 64 * 1024;  // headers and body of one request
    int requestTimeoutMs = 10000;        // from a request's first byte (or the accept) to its end
    int idleTimeoutMs = 30000;           // a kept-alive connection with nothing to do
};

// Accepts connections for QAbstractHttpServer and puts each under a guard.
class GuardedTcpServer : public QTcpServer {
  public:
    explicit GuardedTcpServer(const ConnectionLimits& limits, QObject* parent = nullptr);
    int openConnections() const { return open_; }
    uint64_t refusedConnections() const { return refused_; }
    uint64_t abortedConnections() const { return aborted_; }

  protected:
    void incomingConnection(qintptr descriptor) override;

  private:
    void guard(QTcpSocket* socket);
    ConnectionLimits limits_;
    int open_ = 0;
    uint64_t refused_ = 0;
    uint64_t aborted_ = 0;
};

}  // namespace tutti::web
