#include "src/web/connection_guard.h"

#include <unistd.h>

#include <memory>

namespace tutti::web {

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits& limits, QObject* parent)
    : QTcpServer(parent), limits_(limits) {}

void GuardedTcpServer::incomingConnection(qintptr descriptor) {
    if (open_ >= limits_.maxConnections) {
        // Closing at once costs nothing and tells a well-behaved client to come back later.
        ::close(static_cast<int>(descriptor));
        ++refused_;
        return;
    }
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(static_cast<int>(descriptor));
        return;
    }
    guard(socket);
    addPendingConnection(socket);
}

void GuardedTcpServer::guard(QTcpSocket* socket) {
    ++open_;
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    // Bytes of the request being received; a sent reply starts the next request at zero. The
    // HTTP server reads everything on each readyRead, and this handler is connected first, so
    // bytesAvailable() is what arrived since the last time.
    auto pending = std::make_shared<qint64>(0);
    auto abortIt = [this, socket] {
        ++aborted_;
        socket->abort();
    };
    connect(timer, &QTimer::timeout, socket, abortIt);
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, timer, pending, abortIt] {
        if (*pending == 0) {
            timer->start(limits_.requestTimeoutMs);
        }
        *pending += socket->bytesAvailable();
        if (*pending > limits_.maxRequestBytes) {
            abortIt();
        }
    });
    connect(socket, &QTcpSocket::bytesWritten, socket, [this, timer, pending](qint64) {
        *pending = 0;
        timer->start(limits_.idleTimeoutMs);
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QObject::destroyed, this, [this] { --open_; });
    timer->start(limits_.requestTimeoutMs);
}

}  // namespace tutti::web
