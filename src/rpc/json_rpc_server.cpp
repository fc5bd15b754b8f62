#include "src/rpc/json_rpc_server.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>

#include "src/rpc/jamulus_methods.h"
#include "src/rpc/mixout_methods.h"
#include "src/rpc/notifications.h"
#include "src/rpc/rpc_connection.h"
#include "src/rpc/tutti_methods.h"

#ifndef TUTTI_VERSION_STRING
#define TUTTI_VERSION_STRING "unknown"
#endif

namespace tutti::rpc {

namespace {
std::string plainIp(const QHostAddress& address) {
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        return QHostAddress(v4).toString().toStdString();  // drops a "::ffff:" mapping
    }
    QHostAddress bare = address;
    bare.setScopeId(QString());
    return bare.toString().toStdString();
}
}  // namespace

// Turns the command layer's events into notification lines.
class JsonRpcServer::EventRelay : public control::OperatorEvents {
  public:
    explicit EventRelay(JsonRpcServer& server) : server_(server) {}

    void clientConnected(int id, const std::string& ip, int total) override {
        server_.notify(clientConnectedNotification(id, ip, total), false);
    }
    void clientDisconnected(int id) override {
        server_.notify(clientDisconnectedNotification(id), false);
    }
    void chatMessage(int id, const std::string& html) override {
        server_.notify(chatMessageReceivedNotification(id, html), false);
    }
    void clientProfileChanged(int id) override {
        server_.notify(clientProfileChangedNotification(id), true);
    }
    void registrationStatusChanged(const std::string& statusKey) override {
        server_.notify(registrationStatusChangedNotification(statusKey), true);
    }
    void recordingStateChanged(const control::RecorderStatus& status) override {
        server_.notify(recordingStateChangedNotification(status), true);
    }

  private:
    JsonRpcServer& server_;
};

JsonRpcServer::JsonRpcServer(control::OperatorApi& api, JsonRpcConfig config, LogFn log)
    : api_(api),
      config_(std::move(config)),
      log_(std::move(log)),
      processor_(methods_, config_.secret),
      relay_(std::make_unique<EventRelay>(*this)),
      logThrottle_(limits_.logLinesPerWindow, limits_.logWindow) {
    addJamulusMethods(methods_, api_, TUTTI_VERSION_STRING);
    addTuttiMethods(methods_, api_);
    addMixOutMethods(methods_, api_);
    QObject::connect(&server_, &QTcpServer::newConnection, this, [this] { acceptPending(); });
}

JsonRpcServer::~JsonRpcServer() {
    if (subscribed_) {
        api_.unsubscribe(relay_.get());
    }
    server_.close();
    connections_.clear();
}

std::string JsonRpcServer::listen() {
    QHostAddress address;
    if (!address.setAddress(QString::fromStdString(config_.bindIp))) {
        return "JSON-RPC: \"" + config_.bindIp + "\" is not an IP address";
    }
    if (!server_.listen(address, config_.port)) {
        return "JSON-RPC: cannot listen on " + config_.bindIp + ":" + std::to_string(config_.port) +
               ": " + server_.errorString().toStdString();
    }
    if (!subscribed_) {
        api_.subscribe(relay_.get());
        subscribed_ = true;
    }
    return {};
}

uint16_t JsonRpcServer::port() const {
    return server_.serverPort();
}

int JsonRpcServer::connectionCount() const {
    return static_cast<int>(std::count_if(connections_.begin(), connections_.end(),
                                          [](const auto& c) { return !c->closing(); }));
}

bool JsonRpcServer::makeRoom() {
    // Sockets still flushing a last reply count too, so the open descriptors stay bounded even
    // under a flood of connections that each earn a closing error; they go first.
    const auto open = std::count_if(connections_.begin(), connections_.end(),
                                    [](const auto& c) { return !c->isFinished(); });
    if (open < limits_.maxConnections) {
        return true;
    }
    const auto flushing = std::find_if(connections_.begin(), connections_.end(), [](const auto& c) {
        return c->closing() && !c->isFinished();
    });
    if (flushing != connections_.end()) {
        (*flushing)->abort();
        return true;
    }
    const auto oldestUnauthenticated =
        std::find_if(connections_.begin(), connections_.end(),
                     [](const auto& c) { return !c->closing() && !c->authenticated(); });
    if (oldestUnauthenticated == connections_.end()) {
        return false;
    }
    (*oldestUnauthenticated)
        ->close("making room for a new connection (limit " +
                    std::to_string(limits_.maxConnections) + ")",
                false, LogKind::Connection);
    return true;
}

void JsonRpcServer::acceptPending() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        const std::string ip = plainIp(socket->peerAddress());
        log(LogKind::Connection, "- JSON-RPC: received connection from: \"" + ip + "\"");
        if (!makeRoom()) {
            log(LogKind::Drop, "- JSON-RPC: refusing connection from \"" + ip +
                                   "\": " + std::to_string(limits_.maxConnections) +
                                   " authenticated connections are open");
            socket->abort();
            socket->deleteLater();
            continue;
        }
        RpcConnection::Hooks hooks{
            [this](LogKind kind, const std::string& line) { log(kind, line); },
            [this](RpcConnection* c) { connectionFinished(c); }};
        connections_.push_back(
            std::make_unique<RpcConnection>(socket, ip, processor_, limits_, std::move(hooks)));
        connections_.back()->start();
    }
}

void JsonRpcServer::notify(const std::string& text, bool tuttiOnly) {
    // Sending may close a connection (backlog limit); the vector only shrinks in reap(), so
    // indexing stays valid while we go.
    for (std::size_t i = 0; i < connections_.size(); ++i) {
        RpcConnection& connection = *connections_[i];
        if (connection.closing() || !connection.authenticated()) {
            continue;
        }
        if (tuttiOnly && !connection.wantsTuttiEvents()) {
            continue;
        }
        connection.send(text);
    }
}

void JsonRpcServer::connectionFinished(RpcConnection* /*connection*/) {
    // Destroyed later: we may be deep inside that connection's own call stack.
    if (!reapPending_) {
        reapPending_ = true;
        QTimer::singleShot(0, this, [this] { reap(); });
    }
}

void JsonRpcServer::reap() {
    reapPending_ = false;
    // Closing connections that still flush their last reply stay until their socket is gone.
    std::erase_if(connections_, [](const auto& c) { return c->closing() && c->isFinished(); });
}

void JsonRpcServer::log(LogKind kind, const std::string& line) {
    logThrottle_.log(kind, line, log_);
}

}  // namespace tutti::rpc
