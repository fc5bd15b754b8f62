// The web admin JSON API and the status page's data: requests in, JSON replies out, every action
// through the command layer. No sockets here (the HTTP side is WebAdminServer), so it is
// unit-tested against a fake command layer. Routes are listed in README.md ("Administration").
#pragma once

#include <QByteArray>
#include <QString>

#include "src/control/operator_api.h"
#include "src/web/chat_history.h"

namespace tutti::web {

struct ApiReply {
    int status = 200;
    QByteArray body;  // JSON
};

class AdminApi {
  public:
    AdminApi(control::OperatorApi& api, const ChatHistory& chat, int maxClients);

    // `method` "GET"/"POST"; `path` starts with "/api/"; `query` is the URL's query string;
    // `actor` is who acts for the server log ("web:admin", "web:local").
    ApiReply handle(const QString& method, const QString& path, const QString& query,
                    const QByteArray& body, const std::string& actor);

    // The HTTP status for a refused command (400 bad input, 404 no such thing, 503 not
    // configured, 500 tried and failed).
    static int httpStatus(control::CommandError error);

  private:
    ApiReply status(const QString& query) const;
    control::OperatorApi& api_;
    const ChatHistory& chat_;
    int maxClients_;
};

}  // namespace tutti::web
