// The web admin port (--web-admin-port): the status page, the JSON admin API and /metrics, over
// Qt HttpServer on the control thread. A thin shell: access mask, basic auth and routing here,
// the answers from AdminApi and metricsText() over the command layer.
#pragma once

#include <QAbstractHttpServer>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "src/control/operator_api.h"
#include "src/web/access_mask.h"
#include "src/web/admin_api.h"
#include "src/web/auth_throttle.h"
#include "src/web/basic_auth.h"
#include "src/web/chat_history.h"
#include "src/web/connection_guard.h"

namespace tutti::web {

struct WebAdminConfig {
    uint16_t port = 0;
    AccessMask access = AccessMask::loopbackOnly();
    std::optional<Credentials> credentials;  // nullopt: no authentication (loopback-only mask)
    int maxClients = 0;
    std::string version;
    ConnectionLimits limits;
};

class WebAdminServer : public QAbstractHttpServer {
  public:
    using LogFn = std::function<void(const std::string&)>;
    WebAdminServer(control::OperatorApi& api, WebAdminConfig config, LogFn log);
    ~WebAdminServer() override;

    // Binds to loopback (127.0.0.1 and ::1 when available) unless the mask allows other hosts,
    // then to every address. "" on success, else why not.
    std::string start();
    uint16_t port() const { return port_; }

  protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

  private:
    void respond(const QHttpServerRequest& request, QTcpSocket* socket);
    control::OperatorApi& api_;
    WebAdminConfig config_;
    LogFn log_;
    ChatHistory chat_;
    AdminApi admin_;
    AuthThrottle throttle_;
    uint16_t port_ = 0;
};

// Reads --web-admin-access and TUTTI_WEB_ADMIN_PASSWORD into a config; "" on success, else the
// error to print (an unparsable mask, or a mask beyond loopback without a password).
std::string makeWebAdminConfig(int port, const std::string& accessArg, const char* passwordVar,
                               WebAdminConfig& config);

}  // namespace tutti::web
