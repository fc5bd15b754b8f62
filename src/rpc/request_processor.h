// One received line in, at most one line out: JSONRPC.md section 2 (blank lines, invalid JSON,
// batches, the method/params checks, the authentication gate, method lookup) with the exact
// codes and messages. No sockets here, so every path is unit-tested directly.
#pragma once

#include <QJsonObject>
#include <string>
#include <string_view>

#include "src/rpc/method_table.h"

namespace tutti::rpc {

struct LineResult {
    std::string reply;   // compact JSON text without the newline; "" when nothing is sent
    bool close = false;  // close the connection once the reply is out
    // What happened on the way, for the console lines and the failed-secret delay.
    int authAccepted = 0;
    int authRejected = 0;
    int unauthenticated = 0;
};

class RequestProcessor {
  public:
    // `secret` is the first line of the secret file.
    RequestProcessor(const MethodTable& methods, std::string secret);

    LineResult processLine(std::string_view line, Session& session) const;

  private:
    QJsonObject processRequest(const QJsonObject& request, Session& session,
                               LineResult& result) const;
    MethodOutcome authenticate(const QJsonObject& params, Session& session,
                               LineResult& result) const;

    const MethodTable& methods_;
    std::string secret_;
};

// Compact JSON as Jamulus writes it: sorted keys, raw UTF-8, integers without a fraction.
std::string compactJson(const QJsonObject& object);

}  // namespace tutti::rpc
