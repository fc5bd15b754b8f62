// The JSON-RPC server of JSONRPC.md over TCP: listens on --jsonrpcbindip:--jsonrpcport, keeps the
// connections within JsonRpcLimits and forwards the command layer's events as notifications to
// authenticated connections. Everything runs on the control thread's event loop and nothing here
// blocks it; the real-time threads are never touched (all work goes through OperatorApi).
#pragma once

#include <QObject>
#include <QTcpServer>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "src/control/operator_api.h"
#include "src/rpc/log_throttle.h"
#include "src/rpc/method_table.h"
#include "src/rpc/request_processor.h"
#include "src/rpc/rpc_limits.h"

namespace tutti::rpc {

class RpcConnection;

struct JsonRpcConfig {
    uint16_t port = 0;                 // --jsonrpcport
    std::string bindIp = "127.0.0.1";  // --jsonrpcbindip
    std::string secret;                // first line of --jsonrpcsecretfile (checked, >= 16 chars)
};

class JsonRpcServer : public QObject {
  public:
    // Console lines, without a trailing newline.
    using LogFn = std::function<void(const std::string&)>;

    JsonRpcServer(control::OperatorApi& api, JsonRpcConfig config, LogFn log);
    ~JsonRpcServer() override;

    // Tests shorten the timeouts; call before listen().
    void setLimits(const JsonRpcLimits& limits) {
        limits_ = limits;
        logThrottle_ = LogThrottle(limits.logLinesPerWindow, limits.logWindow);
    }
    const JsonRpcLimits& limits() const { return limits_; }

    std::string listen();   // "" on success, else why (the caller prints it and exits 1)
    uint16_t port() const;  // the bound port (useful with port 0 in tests)
    // Connections currently open and not closing.
    int connectionCount() const;

  private:
    class EventRelay;

    void acceptPending();
    // Frees a slot for a new connection if the limit is reached; false if none can go.
    bool makeRoom();
    void notify(const std::string& text, bool tuttiOnly);
    void connectionFinished(RpcConnection* connection);
    void reap();
    void log(LogKind kind, const std::string& line);

    control::OperatorApi& api_;
    JsonRpcConfig config_;
    LogFn log_;
    JsonRpcLimits limits_;
    MethodTable methods_;
    RequestProcessor processor_;
    std::unique_ptr<EventRelay> relay_;
    bool subscribed_ = false;
    QTcpServer server_;
    // In accept order, so the oldest unauthenticated one is the first such.
    std::vector<std::unique_ptr<RpcConnection>> connections_;
    bool reapPending_ = false;
    LogThrottle logThrottle_;
};

}  // namespace tutti::rpc
