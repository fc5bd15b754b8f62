// One TCP connection on the JSON-RPC port: reads lines within the limits, hands each to the
// request processor, writes replies and notifications, and closes itself when the peer
// misbehaves (over-long line, no authentication in time, not reading, invalid JSON). Never blocks:
// the control thread that runs it also runs the server's protocol logic.
#pragma once

#include <QObject>
#include <QTcpSocket>
#include <cstdint>
#include <functional>
#include <string>

#include "src/rpc/line_framer.h"
#include "src/rpc/log_throttle.h"
#include "src/rpc/request_processor.h"
#include "src/rpc/rpc_limits.h"

namespace tutti::rpc {

class RpcConnection {
  public:
    struct Hooks {
        std::function<void(LogKind, const std::string&)> log;
        // The socket is gone; the owner destroys this object later (never from inside the call).
        std::function<void(RpcConnection*)> finished;
    };

    // Takes over `socket`.
    RpcConnection(QTcpSocket* socket, std::string ip, const RequestProcessor& processor,
                  const JsonRpcLimits& limits, Hooks hooks);
    ~RpcConnection();
    RpcConnection(const RpcConnection&) = delete;
    RpcConnection& operator=(const RpcConnection&) = delete;

    void start();
    // Queues one JSON text and its newline; a peer whose earlier output is still piled up beyond
    // the backlog limit is dropped instead.
    void send(const std::string& text);
    // Logs `why` (if given, as `kind`) and closes: `flush` lets queued output go out first.
    void close(const std::string& why, bool flush, LogKind kind = LogKind::Drop);
    // Ends a connection at once, also one that is still flushing its last reply.
    void abort();

    bool authenticated() const { return session_.authenticated; }
    bool wantsTuttiEvents() const { return session_.tuttiEvents; }
    bool closing() const { return closing_; }
    bool isFinished() const { return finished_; }
    const std::string& ip() const { return ip_; }

  private:
    void readAndProcess();
    void handleLine(const std::string& line);
    void scheduleContinuation();
    void finish();

    QObject guard_;  // context of every signal connection and timer: dies with this object
    QTcpSocket* socket_;
    std::string ip_;
    const RequestProcessor& processor_;
    const JsonRpcLimits& limits_;
    Hooks hooks_;
    LineFramer framer_;
    Session session_;
    bool closing_ = false;
    bool finished_ = false;
    bool paused_ = false;  // waiting out the delay after a wrong secret
    bool continuationPending_ = false;
    int unauthenticatedLogged = 0;
};

}  // namespace tutti::rpc
