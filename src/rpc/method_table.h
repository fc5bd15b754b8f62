// The methods a JSON-RPC connection can call, by name, and what a handler gives back. Handlers
// see only their params and the calling connection's session; the request skeleton, ids and the
// authentication gate are the request processor's business.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <functional>
#include <map>
#include <string>

namespace tutti::rpc {

// Per-connection state a handler may read or change.
struct Session {
    bool authenticated = false;
    bool tuttiEvents = false;  // asked for Tutti's own notifications (tutti/subscribeEvents)
};

// Either a result or a JSON-RPC error object; never both.
struct MethodOutcome {
    QJsonValue result;
    bool failed = false;
    int code = 0;
    QString message;

    static MethodOutcome ok(QJsonValue value) { return {std::move(value), false, 0, {}}; }
    static MethodOutcome error(int code, QString message) {
        return {QJsonValue(), true, code, std::move(message)};
    }
    static MethodOutcome invalidParams(const QString& why) {
        return error(-32602, QStringLiteral("Invalid params: ") + why);
    }
};

using MethodHandler = std::function<MethodOutcome(const QJsonObject& params, Session& session)>;

class MethodTable {
  public:
    void add(const std::string& name, MethodHandler handler) {
        handlers_[name] = std::move(handler);
    }
    const MethodHandler* find(const std::string& name) const {
        const auto it = handlers_.find(name);
        return it == handlers_.end() ? nullptr : &it->second;
    }
    // Sorted by name; docs and tests walk it.
    const std::map<std::string, MethodHandler>& all() const { return handlers_; }

  private:
    std::map<std::string, MethodHandler> handlers_;
};

}  // namespace tutti::rpc
