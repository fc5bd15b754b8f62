#include "src/rpc/rpc_connection.h"

#include <QTimer>

namespace tutti::rpc {

namespace {
// Bytes taken from the socket at a time; Qt's own read buffer is capped to the same size so an
// unread peer is held back by TCP flow control rather than by our memory.
constexpr qint64 kReadChunk = 64 * 1024;

std::string quoted(const std::string& ip) {
    return "\"" + ip + "\"";
}
}  // namespace

RpcConnection::RpcConnection(QTcpSocket* socket, std::string ip, const RequestProcessor& processor,
                             const JsonRpcLimits& limits, Hooks hooks)
    : socket_(socket),
      ip_(std::move(ip)),
      processor_(processor),
      limits_(limits),
      hooks_(std::move(hooks)),
      framer_(limits.maxLineBytes) {}

RpcConnection::~RpcConnection() {
    socket_->disconnect();
    socket_->abort();
    socket_->deleteLater();
}

void RpcConnection::start() {
    socket_->setReadBufferSize(kReadChunk);
    QObject::connect(socket_, &QTcpSocket::readyRead, &guard_, [this] { readAndProcess(); });
    QObject::connect(socket_, &QTcpSocket::disconnected, &guard_, [this] { finish(); });
    QObject::connect(socket_, &QTcpSocket::errorOccurred, &guard_,
                     [this](QAbstractSocket::SocketError error) {
                         // A peer that resets or goes away is an ordinary end.
                         if (error != QAbstractSocket::RemoteHostClosedError &&
                             socket_->state() != QAbstractSocket::ConnectedState) {
                             finish();
                         }
                     });
    QTimer::singleShot(limits_.authTimeout, &guard_, [this] {
        if (!session_.authenticated && !closing_) {
            close("not authenticated within " + std::to_string(limits_.authTimeout.count()) + " ms",
                  false, LogKind::Connection);
        }
    });
    if (socket_->bytesAvailable() > 0) {
        readAndProcess();
    }
}

void RpcConnection::send(const std::string& text) {
    if (closing_) {
        return;
    }
    if (static_cast<std::size_t>(socket_->bytesToWrite()) > limits_.maxWriteBacklogBytes) {
        close("not reading its responses (more than " +
                  std::to_string(limits_.maxWriteBacklogBytes) + " bytes waiting)",
              false);
        return;
    }
    socket_->write(text.data(), static_cast<qint64>(text.size()));
    socket_->write("\n", 1);
    // Hand what we can to the kernel now rather than at the next turn of the event loop, so a
    // peer that reads keeps our backlog near zero.
    socket_->flush();
}

void RpcConnection::close(const std::string& why, bool flush, LogKind kind) {
    if (closing_) {
        return;
    }
    closing_ = true;
    if (!why.empty()) {
        hooks_.log(kind, "- JSON-RPC: dropping connection from " + quoted(ip_) + ": " + why);
    }
    if (flush && socket_->state() == QAbstractSocket::ConnectedState) {
        socket_->disconnectFromHost();
        // A peer that never takes the last reply does not get to keep the socket.
        QTimer::singleShot(limits_.closeGrace, &guard_, [this] {
            socket_->abort();
            finish();
        });
        if (socket_->state() == QAbstractSocket::UnconnectedState) {
            finish();
        }
        return;
    }
    socket_->abort();
    finish();
}

void RpcConnection::abort() {
    closing_ = true;
    socket_->abort();
    finish();
}

void RpcConnection::finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
    closing_ = true;
    hooks_.log(LogKind::Connection, "- JSON-RPC: connection from: " + quoted(ip_) + " closed");
    hooks_.finished(this);
}

void RpcConnection::scheduleContinuation() {
    if (continuationPending_) {
        return;
    }
    continuationPending_ = true;
    QTimer::singleShot(0, &guard_, [this] {
        continuationPending_ = false;
        readAndProcess();
    });
}

void RpcConnection::readAndProcess() {
    int handled = 0;
    while (!closing_ && !paused_) {
        if (handled >= limits_.linesPerTurn) {
            // Let other connections and the server's own work run before the rest.
            scheduleContinuation();
            return;
        }
        if (std::optional<std::string> line = framer_.nextLine()) {
            handleLine(*line);
            ++handled;
            continue;
        }
        if (framer_.overflowed()) {
            close("line longer than " + std::to_string(limits_.maxLineBytes) + " bytes", false);
            return;
        }
        if (socket_->bytesAvailable() == 0) {
            return;  // readyRead brings the rest
        }
        const QByteArray chunk = socket_->read(kReadChunk);
        framer_.append(std::string_view(chunk.constData(), chunk.size()));
    }
}

void RpcConnection::handleLine(const std::string& line) {
    const LineResult result = processor_.processLine(line, session_);
    if (result.authAccepted > 0) {
        hooks_.log(LogKind::Always,
                   "- JSON-RPC: accepted valid authentication secret from " + quoted(ip_));
    }
    if (result.authRejected > 0) {
        hooks_.log(LogKind::Auth,
                   "- JSON-RPC: rejected invalid authentication secret from " + quoted(ip_));
    }
    for (int i = 0; i < result.unauthenticated; ++i) {
        if (unauthenticatedLogged < limits_.rejectedLinesLogged) {
            hooks_.log(LogKind::Auth,
                       "- JSON-RPC: rejected unauthenticated request from " + quoted(ip_));
        } else if (unauthenticatedLogged == limits_.rejectedLinesLogged) {
            hooks_.log(LogKind::Auth, "- JSON-RPC: further unauthenticated requests from " +
                                          quoted(ip_) + " are not logged");
        }
        if (unauthenticatedLogged <= limits_.rejectedLinesLogged) {
            ++unauthenticatedLogged;
        }
    }
    if (!result.reply.empty()) {
        send(result.reply);
    }
    if (result.close) {
        close("invalid request line (see the error sent)", true);
        return;
    }
    if (result.authRejected > 0 && !closing_) {
        // Nothing more is read from this connection until the delay is over; the event loop
        // stays free for everyone else.
        paused_ = true;
        QTimer::singleShot(limits_.failedAuthDelay, &guard_, [this] {
            paused_ = false;
            readAndProcess();
        });
    }
}

}  // namespace tutti::rpc
