#include "src/web/web_admin_server.h"

#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QUrl>

#include "src/web/metrics_report.h"

namespace tutti::web {
namespace {

using Status = QHttpServerResponder::StatusCode;

// Far more than a browser or Prometheus sends; a request with more is not one we want.
constexpr int kMaxHeaders = 64;

QByteArray header(const QHttpServerRequest& request, const QByteArray& name) {
    for (const auto& [key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QString methodName(QHttpServerRequest::Method m) {
    switch (m) {
        case QHttpServerRequest::Method::Get:
            return "GET";
        case QHttpServerRequest::Method::Head:
            return "HEAD";
        case QHttpServerRequest::Method::Post:
            return "POST";
        case QHttpServerRequest::Method::Put:
            return "PUT";
        case QHttpServerRequest::Method::Delete:
            return "DELETE";
        default:
            return "OTHER";
    }
}

void send(QHttpServerResponder& r, int status, const QByteArray& type, const QByteArray& body) {
    r.write(body,
            {{"Content-Type", type},
             {"Cache-Control", "no-store"},
             {"X-Content-Type-Options", "nosniff"},
             {"X-Frame-Options", "DENY"},
             {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"}},
            static_cast<Status>(status));
}

void sendError(QHttpServerResponder& r, int status, const QByteArray& message) {
    send(r, status, "application/json", "{\"error\":\"" + message + "\"}");
}

// The page's files, embedded as Qt resources (no CDN: the page works on an offline LAN).
bool sendResource(QHttpServerResponder& r, const QString& path) {
    static const std::pair<const char*, const char*> kFiles[] = {
        {"/", "text/html; charset=utf-8"},
        {"/status.js", "text/javascript; charset=utf-8"},
        {"/status.css", "text/css; charset=utf-8"},
    };
    for (const auto& [name, type] : kFiles) {
        if (path == name) {
            QFile file(path == "/" ? QString(":/web/status.html") : ":/web" + path);
            if (!file.open(QIODevice::ReadOnly)) {
                return false;
            }
            send(r, 200, type, file.readAll());
            return true;
        }
    }
    return false;
}

}  // namespace

WebAdminServer::WebAdminServer(control::OperatorApi& api, WebAdminConfig config, LogFn log)
    : api_(api),
      config_(std::move(config)),
      log_(std::move(log)),
      chat_(api),
      admin_(api, chat_, config_.maxClients) {}

WebAdminServer::~WebAdminServer() = default;

std::string WebAdminServer::start() {
    const bool loopback = config_.access.loopbackOnlyRules();
    auto listenOn = [this](const QHostAddress& address, uint16_t port) -> std::string {
        auto* server = new GuardedTcpServer(config_.limits, this);
        if (!server->listen(address, port)) {
            const std::string why = server->errorString().toStdString();
            delete server;
            return why;
        }
        port_ = server->serverPort();
        bind(server);
        return {};
    };
    const std::string err =
        listenOn(loopback ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(QHostAddress::Any),
                 config_.port);
    if (!err.empty()) {
        return "- web admin: cannot listen on TCP port " + std::to_string(config_.port) + " (" +
               err + ")";
    }
    if (loopback) {
        // ::1 as well where the host has IPv6; browsers try "localhost" as ::1 first.
        listenOn(QHostAddress(QHostAddress::LocalHostIPv6), port_);
    }
    log_("- web admin on " + std::string(loopback ? "loopback" : "all addresses") + " port " +
         std::to_string(port_) + ", open to " + config_.access.describe() +
         (config_.credentials ? ", basic auth for user " + config_.credentials->user
                              : ", no authentication"));
    return {};
}

bool WebAdminServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    respond(request, socket);
    // Qt HttpServer 6.4 keeps every connection open; a client that asked to close (scripts, curl
    // with -H 'Connection: close') should not have to wait for our idle limit.
    if (header(request, "Connection").toLower() == "close") {
        socket->disconnectFromHost();  // after the queued reply is written
    }
    return true;
}

void WebAdminServer::respond(const QHttpServerRequest& request, QTcpSocket* socket) {
    QHttpServerResponder r = makeResponder(request, socket);
    if (!config_.access.allows(request.remoteAddress().toString().toStdString())) {
        sendError(r, 403, "this host is outside --web-admin-access");
        return;
    }
    if (request.headers().size() > kMaxHeaders) {
        sendError(r, 431, "too many header fields");
        return;
    }
    std::string actor = "web:local";
    if (config_.credentials) {
        const std::string host = request.remoteAddress().toString().toStdString();
        const int64_t now = QDateTime::currentSecsSinceEpoch();
        if (throttle_.blocked(host, now)) {
            sendError(r, 429, "too many wrong passwords; try again in a minute");
            return;
        }
        const std::optional<std::string> user =
            checkBasicAuth(header(request, "Authorization").toStdString(), *config_.credentials);
        if (user) {
            throttle_.succeeded(host);
        } else if (!header(request, "Authorization").isEmpty()) {
            // A browser's first request carries no password; only wrong ones count.
            throttle_.failed(host, now);
        }
        if (!user) {
            r.write("{\"error\":\"authentication required\"}",
                    {{"Content-Type", "application/json"},
                     {"WWW-Authenticate", "Basic realm=\"Tutti web admin\", charset=\"UTF-8\""},
                     {"Cache-Control", "no-store"}},
                    Status::Unauthorized);
            return;
        }
        actor = "web:" + *user;
    }

    const QString method = methodName(request.method());
    const QString path = request.url().path();
    if (method == "GET" && path == "/metrics") {
        send(r, 200, "text/plain; version=0.0.4; charset=utf-8",
             QByteArray::fromStdString(
                 metricsText(api_, MetricsContext{config_.maxClients, config_.version})));
        return;
    }
    if (path.startsWith("/api/")) {
        // A page on another site can make a browser POST a form here, but not with a JSON
        // content type (that needs CORS, which this server never grants).
        if (method == "POST" &&
            !header(request, "Content-Type").toLower().startsWith("application/json")) {
            sendError(r, 415, "POST bodies must be application/json");
            return;
        }
        const ApiReply reply =
            admin_.handle(method, path, request.url().query(), request.body(), actor);
        send(r, reply.status, "application/json", reply.body);
        return;
    }
    if (method == "GET" && sendResource(r, path)) {
        return;
    }
    sendError(r, 404, "not found");
}

void WebAdminServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    QHttpServerResponder r = makeResponder(request, socket);
    sendError(r, 404, "not found");
}

std::string makeWebAdminConfig(int port, const std::string& accessArg, const char* passwordVar,
                               WebAdminConfig& config) {
    config.port = static_cast<uint16_t>(port);
    if (!accessArg.empty()) {
        std::string error;
        std::optional<AccessMask> mask = AccessMask::parse(accessArg, error);
        if (!mask) {
            return "- web admin: --web-admin-access: " + error + ". Exiting.";
        }
        config.access = *mask;
    }
    std::string error;
    config.credentials = credentialsFromVariable(passwordVar, error);
    if (!error.empty()) {
        return "- web admin: " + error + ". Exiting.";
    }
    if (!config.access.loopbackOnlyRules() && !config.credentials) {
        return std::string("- web admin: --web-admin-access lets other hosts in, so set ") +
               kPasswordVariable + " (PASSWORD or USER:PASSWORD) for basic auth. Exiting.";
    }
    return {};
}

}  // namespace tutti::web
