#include "src/rpc/admin_methods.h"

#include <QJsonArray>

#include "src/rpc/param_reading.h"

namespace tutti::rpc {

namespace {

using control::CommandError;
using control::CommandResult;
using control::OperatorApi;

constexpr const char* kActor = "jsonrpc";
constexpr int kDefaultLogLines = 100;
constexpr int kMaxLogLines = 1000;
// A refusal that is no fault of the request: no database, or the database failed.
constexpr int kServerError = -32000;

MethodOutcome outcome(const CommandResult& r) {
    switch (r.error) {
        case CommandError::None:
            return MethodOutcome::ok(QStringLiteral("ok"));
        case CommandError::Unavailable:
        case CommandError::Failed:
            return MethodOutcome::error(kServerError, qstr(r.message));
        default:
            return MethodOutcome::invalidParams(qstr(r.message));
    }
}

QJsonObject ruleObject(const control::AddressRule& r, bool withExpiry) {
    QJsonObject o{
        {QStringLiteral("address"), qstr(r.pattern)},
        {QStringLiteral("createdAt"), static_cast<qint64>(r.createdAt)},
        {QStringLiteral("createdBy"), qstr(r.createdBy)},
    };
    if (withExpiry) {
        o.insert(QStringLiteral("reason"), qstr(r.reason));
        o.insert(QStringLiteral("expiresAt"), static_cast<qint64>(r.expiresAt));
    } else {
        o.insert(QStringLiteral("note"), qstr(r.reason));
    }
    return o;
}

// An optional string member: "" when absent, nullopt when present but no string.
std::optional<std::string> optionalString(const QJsonObject& params, const char* name) {
    if (!params.contains(QLatin1String(name))) {
        return std::string();
    }
    return stringParam(params, name);
}

std::optional<int> optionalDuration(const QJsonObject& params) {
    if (!params.contains(QStringLiteral("durationSeconds"))) {
        return 0;
    }
    const auto d = intParam(params, "durationSeconds");
    return d && *d >= 0 ? d : std::nullopt;
}

MethodOutcome banAddress(OperatorApi& api, const QJsonObject& params) {
    const auto address = stringParam(params, "address");
    if (!address) {
        return MethodOutcome::invalidParams(QStringLiteral("address is not a string"));
    }
    const auto duration = optionalDuration(params);
    if (!duration) {
        return MethodOutcome::invalidParams(
            QStringLiteral("durationSeconds is not a whole number >= 0"));
    }
    const auto reason = optionalString(params, "reason");
    if (!reason) {
        return MethodOutcome::invalidParams(QStringLiteral("reason is not a string"));
    }
    return outcome(api.ban(*address, *duration, *reason, kActor));
}

MethodOutcome banClient(OperatorApi& api, const QJsonObject& params) {
    const auto id = intParam(params, "id");
    if (!id) {
        return MethodOutcome::invalidParams(
            QStringLiteral("id is not a connected client's channel"));
    }
    const auto duration = optionalDuration(params);
    if (!duration) {
        return MethodOutcome::invalidParams(
            QStringLiteral("durationSeconds is not a whole number >= 0"));
    }
    const auto reason = optionalString(params, "reason");
    if (!reason) {
        return MethodOutcome::invalidParams(QStringLiteral("reason is not a string"));
    }
    return outcome(api.banClient(*id, *duration, *reason, kActor));
}

// For the methods that take nothing but an address.
template <typename Fn>
MethodOutcome withAddress(const QJsonObject& params, Fn&& fn) {
    const auto address = stringParam(params, "address");
    if (!address) {
        return MethodOutcome::invalidParams(QStringLiteral("address is not a string"));
    }
    return outcome(fn(*address));
}

MethodOutcome allowAddress(OperatorApi& api, const QJsonObject& params) {
    const auto address = stringParam(params, "address");
    if (!address) {
        return MethodOutcome::invalidParams(QStringLiteral("address is not a string"));
    }
    const auto note = optionalString(params, "note");
    if (!note) {
        return MethodOutcome::invalidParams(QStringLiteral("note is not a string"));
    }
    return outcome(api.allow(*address, *note, kActor));
}

MethodOutcome getBans(const OperatorApi& api) {
    QJsonArray list;
    for (const auto& r : api.bans()) {
        list.append(ruleObject(r, true));
    }
    return MethodOutcome::ok(QJsonObject{{QStringLiteral("bans"), list}});
}

MethodOutcome getAllowlist(const OperatorApi& api) {
    QJsonArray list;
    for (const auto& r : api.allowlist()) {
        list.append(ruleObject(r, false));
    }
    return MethodOutcome::ok(
        QJsonObject{{QStringLiteral("allowlist"), list},
                    {QStringLiteral("enabled"), api.adminStatus().allowlistEnabled}});
}

MethodOutcome setAllowlistEnabled(OperatorApi& api, const QJsonObject& params) {
    const QJsonValue on = params.value(QStringLiteral("enabled"));
    if (!on.isBool()) {
        return MethodOutcome::invalidParams(QStringLiteral("enabled is not a boolean"));
    }
    return outcome(api.setAllowlistEnabled(on.toBool(), kActor));
}

MethodOutcome adminStatus(const OperatorApi& api) {
    const control::AdminStatus s = api.adminStatus();
    return MethodOutcome::ok(QJsonObject{
        {QStringLiteral("allowlistEnabled"), s.allowlistEnabled},
        {QStringLiteral("bansAdded"), static_cast<qint64>(s.bansAdded)},
        {QStringLiteral("databasePath"), qstr(s.databasePath)},
        {QStringLiteral("idleDisconnects"), static_cast<qint64>(s.idleDisconnects)},
        {QStringLiteral("idleTimeoutSeconds"), s.idleTimeoutSeconds},
        {QStringLiteral("kicks"), static_cast<qint64>(s.kicks)},
        {QStringLiteral("refusedDatagrams"), static_cast<qint64>(s.refusedDatagrams)},
        {QStringLiteral("schemaVersion"), s.schemaVersion},
    });
}

MethodOutcome serverLog(const OperatorApi& api, const QJsonObject& params) {
    int limit = kDefaultLogLines;
    if (params.contains(QStringLiteral("limit"))) {
        const auto given = intParam(params, "limit");
        if (!given || *given < 1 || *given > kMaxLogLines) {
            return MethodOutcome::invalidParams(QStringLiteral("limit is not a number 1..1000"));
        }
        limit = *given;
    }
    QJsonArray list;
    for (const control::ServerLogEntry& e : api.serverLog(static_cast<std::size_t>(limit))) {
        list.append(QJsonObject{
            {QStringLiteral("actor"), qstr(e.actor)},
            {QStringLiteral("address"), qstr(e.address)},
            {QStringLiteral("detail"), qstr(e.detail)},
            {QStringLiteral("event"), qstr(e.event)},
            {QStringLiteral("name"), qstr(e.name)},
            {QStringLiteral("time"), static_cast<qint64>(e.time)},
        });
    }
    return MethodOutcome::ok(QJsonObject{{QStringLiteral("entries"), list}});
}

MethodOutcome backupDatabase(OperatorApi& api, const QJsonObject& params) {
    const auto destination = stringParam(params, "destination");
    if (!destination || destination->empty()) {
        return MethodOutcome::invalidParams(QStringLiteral("destination is not a file name"));
    }
    return outcome(api.backupDatabase(*destination, kActor));
}

}  // namespace

void addAdminMethods(MethodTable& table, OperatorApi& api) {
    OperatorApi* a = &api;
    table.add("tutti/banAddress",
              [a](const QJsonObject& p, Session&) { return banAddress(*a, p); });
    table.add("tutti/banClient", [a](const QJsonObject& p, Session&) { return banClient(*a, p); });
    table.add("tutti/unban", [a](const QJsonObject& p, Session&) {
        return withAddress(p, [a](const std::string& s) { return a->unban(s, kActor); });
    });
    table.add("tutti/getBans", [a](const QJsonObject&, Session&) { return getBans(*a); });
    table.add("tutti/allowAddress",
              [a](const QJsonObject& p, Session&) { return allowAddress(*a, p); });
    table.add("tutti/disallowAddress", [a](const QJsonObject& p, Session&) {
        return withAddress(p, [a](const std::string& s) { return a->disallow(s, kActor); });
    });
    table.add("tutti/getAllowlist", [a](const QJsonObject&, Session&) { return getAllowlist(*a); });
    table.add("tutti/setAllowlistEnabled",
              [a](const QJsonObject& p, Session&) { return setAllowlistEnabled(*a, p); });
    table.add("tutti/getAdminStatus",
              [a](const QJsonObject&, Session&) { return adminStatus(*a); });
    table.add("tutti/getServerLog",
              [a](const QJsonObject& p, Session&) { return serverLog(*a, p); });
    table.add("tutti/reload",
              [a](const QJsonObject&, Session&) { return outcome(a->reload(kActor)); });
    table.add("tutti/backupDatabase",
              [a](const QJsonObject& p, Session&) { return backupDatabase(*a, p); });
}

}  // namespace tutti::rpc
