#include "src/web/admin_api.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>
#include <functional>
#include <map>

namespace tutti::web {
namespace {

using control::CommandError;
using control::CommandResult;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

std::string ss(const QJsonValue& v) {
    return v.toString().toStdString();
}

ApiReply json(int status, const QJsonObject& object) {
    return {status, QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

ApiReply json(int status, const QJsonArray& array) {
    return {status, QJsonDocument(array).toJson(QJsonDocument::Compact)};
}

ApiReply error(int status, const QString& message) {
    return json(status, QJsonObject{{"error", message}});
}

const char* errorKey(CommandError e) {
    switch (e) {
        case CommandError::None:
            return "ok";
        case CommandError::InvalidChannel:
            return "no connected client with that id";
        case CommandError::InvalidText:
            return "empty or unusable text";
        case CommandError::InvalidAddress:
            return "a custom directory needs an address";
        case CommandError::InvalidPattern:
            return "not an IPv4/IPv6 address or CIDR block";
        case CommandError::NotFound:
            return "no such entry";
        case CommandError::Unavailable:
            return "not available on this server";
        case CommandError::Failed:
            return "failed";
    }
    return "failed";
}

ApiReply outcome(CommandError e) {
    if (e == CommandError::None) {
        return json(200, QJsonObject{{"ok", true}});
    }
    return error(AdminApi::httpStatus(e), errorKey(e));
}

ApiReply outcome(const CommandResult& r) {
    if (r.ok()) {
        return json(200, QJsonObject{{"ok", true}});
    }
    return error(AdminApi::httpStatus(r.error),
                 r.message.empty() ? QString(errorKey(r.error)) : qs(r.message));
}

QJsonObject ruleJson(const control::AddressRule& r) {
    return {{"pattern", qs(r.pattern)},
            {"reason", qs(r.reason)},
            {"createdAt", qint64(r.createdAt)},
            {"createdBy", qs(r.createdBy)},
            {"expiresAt", qint64(r.expiresAt)}};
}

QJsonArray rulesJson(const std::vector<control::AddressRule>& rules) {
    QJsonArray out;
    for (const control::AddressRule& r : rules) {
        out.append(ruleJson(r));
    }
    return out;
}

QJsonObject recorderJson(const control::RecorderStatus& r) {
    return {{"initialised", r.initialised},
            {"enabled", r.enabled},
            {"recording", r.recording},
            {"error", qs(r.errorMessage)},
            {"directory", qs(r.recordingDirectory)},
            {"session", qs(r.sessionDirectory)}};
}

QJsonObject adminJson(const control::AdminStatus& a) {
    return {{"database", qs(a.databasePath)},
            {"schemaVersion", a.schemaVersion},
            {"allowlistEnabled", a.allowlistEnabled},
            {"idleTimeoutSeconds", a.idleTimeoutSeconds},
            {"kicks", qint64(a.kicks)},
            {"bansAdded", qint64(a.bansAdded)},
            {"idleDisconnects", qint64(a.idleDisconnects)},
            {"refusedDatagrams", qint64(a.refusedDatagrams)}};
}

QJsonArray clientsJson(const control::OperatorApi& api) {
    const control::EngineStatistics stats = api.engineStatistics();
    std::map<int, control::ClientStatistics> figures;
    for (const control::ClientStatistics& c : stats.clients) {
        figures[c.id] = c;
    }
    std::map<int, int> levels;
    for (const control::ChannelLevel& l : api.levels()) {
        levels[l.id] = l.level;
    }
    QJsonArray out;
    for (const control::ClientInfo& c : api.clients()) {
        const control::ClientStatistics f =
            figures.count(c.id) ? figures[c.id] : control::ClientStatistics{};
        out.append(QJsonObject{{"id", c.id},
                               {"name", qs(c.name)},
                               {"address", qs(c.address)},
                               {"ip", qs(c.ip)},
                               {"city", qs(c.city)},
                               {"country", qs(c.countryName)},
                               {"instrument", c.instrumentCode},
                               {"skill", c.skillLevelCode},
                               {"channels", c.channels},
                               {"level", levels.count(c.id) ? levels[c.id] : c.level},
                               {"jitterBuffer", f.jitterBufferSize},
                               {"packetsReceived", qint64(f.packetsReceived)},
                               {"packetsLost", qint64(f.packetsLost)},
                               {"packetsLate", qint64(f.packetsLate)},
                               {"packetsSent", qint64(f.packetsSent)},
                               {"connectedSeconds", qint64(c.connectedSeconds)}});
    }
    return out;
}

QJsonObject statisticsJson(const control::EngineStatistics& s) {
    return {{"ticks", qint64(s.ticks)},
            {"lateTicks", qint64(s.lateTicks)},
            {"worstTickNs", qint64(s.worstTickNs)},
            {"datagramsReceived", qint64(s.datagramsReceived)},
            {"datagramsSent", qint64(s.datagramsSent)},
            {"bytesReceived", qint64(s.bytesReceived)},
            {"bytesSent", qint64(s.bytesSent)},
            {"datagramsDropped", qint64(s.datagramsDropped)},
            {"decodeErrors", qint64(s.decodeErrors)},
            {"concealedFrames", qint64(s.concealedFrames)},
            {"rateLimitDrops", qint64(s.rateLimitDrops)},
            {"floodHandovers", qint64(s.floodHandovers)}};
}

// A JSON object body, or nullopt for anything else (the caller answers 400).
std::optional<QJsonObject> objectBody(const QByteArray& body) {
    if (body.trimmed().isEmpty()) {
        return QJsonObject{};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return std::nullopt;
    }
    return doc.object();
}

// Seconds; absent or 0 = forever. Negative or non-integer values are refused.
std::optional<int64_t> duration(const QJsonObject& o) {
    const QJsonValue v = o.value("durationSeconds");
    if (v.isUndefined() || v.isNull()) {
        return 0;
    }
    if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != double(qint64(v.toDouble()))) {
        return std::nullopt;
    }
    return static_cast<int64_t>(v.toDouble());
}

}  // namespace

AdminApi::AdminApi(control::OperatorApi& api, const ChatHistory& chat, int maxClients)
    : api_(api), chat_(chat), maxClients_(maxClients) {}

int AdminApi::httpStatus(CommandError e) {
    switch (e) {
        case CommandError::None:
            return 200;
        case CommandError::InvalidChannel:
        case CommandError::NotFound:
            return 404;
        case CommandError::InvalidText:
        case CommandError::InvalidAddress:
        case CommandError::InvalidPattern:
            return 400;
        case CommandError::Unavailable:
            return 503;
        case CommandError::Failed:
            return 500;
    }
    return 500;
}

ApiReply AdminApi::status(const QString& query) const {
    const uint64_t chatSince = QUrlQuery(query).queryItemValue("chatSince").toULongLong();
    const control::ServerProfile p = api_.serverProfile();
    QJsonArray chat;
    for (const ChatLine& line : chat_.since(chatSince)) {
        chat.append(QJsonObject{{"seq", qint64(line.seq)},
                                {"time", qint64(line.time)},
                                {"id", line.id},
                                {"name", qs(line.name)},
                                {"html", qs(line.html)}});
    }
    return json(200, QJsonObject{{"server", QJsonObject{{"name", qs(p.name)},
                                                        {"city", qs(p.city)},
                                                        {"welcomeMessage", qs(p.welcomeMessage)},
                                                        {"directory", qs(p.directory)},
                                                        {"registration", qs(p.registrationStatus)},
                                                        {"maxClients", maxClients_}}},
                                 {"clients", clientsJson(api_)},
                                 {"recording", recorderJson(api_.recorderStatus())},
                                 {"statistics", statisticsJson(api_.engineStatistics())},
                                 {"admin", adminJson(api_.adminStatus())},
                                 {"chat", chat}});
}

ApiReply AdminApi::handle(const QString& method, const QString& path, const QString& query,
                          const QByteArray& body, const std::string& actor) {
    const bool get = method == "GET";
    const bool post = method == "POST";
    if (!get && !post) {
        return error(405, "use GET to read and POST to act");
    }
    if (get) {
        if (path == "/api/status") {
            return status(query);
        }
        if (path == "/api/clients") {
            return json(200, clientsJson(api_));
        }
        if (path == "/api/bans") {
            return json(200, rulesJson(api_.bans()));
        }
        if (path == "/api/allowlist") {
            return json(200, rulesJson(api_.allowlist()));
        }
        if (path == "/api/recording") {
            return json(200, recorderJson(api_.recorderStatus()));
        }
        if (path == "/api/statistics") {
            return json(200, statisticsJson(api_.engineStatistics()));
        }
        if (path == "/api/admin") {
            return json(200, adminJson(api_.adminStatus()));
        }
        if (path == "/api/log") {
            bool ok = false;
            int limit = QUrlQuery(query).queryItemValue("limit").toInt(&ok);
            if (!ok || limit <= 0) {
                limit = 100;
            }
            QJsonArray out;
            for (const control::ServerLogEntry& e :
                 api_.serverLog(static_cast<std::size_t>(std::min(limit, 1000)))) {
                out.append(QJsonObject{{"time", qint64(e.time)},
                                       {"event", qs(e.event)},
                                       {"address", qs(e.address)},
                                       {"name", qs(e.name)},
                                       {"detail", qs(e.detail)},
                                       {"actor", qs(e.actor)}});
            }
            return json(200, out);
        }
    }

    const std::optional<QJsonObject> parsed = post ? objectBody(body) : QJsonObject{};
    if (!parsed) {
        return error(400, "the body must be a JSON object");
    }
    const QJsonObject& o = *parsed;

    static const QRegularExpression clientAction("^/api/clients/(\\d{1,4})/(kick|ban|chat)$");
    if (const QRegularExpressionMatch m = clientAction.match(path); m.hasMatch()) {
        if (!post) {
            return error(405, "use POST");
        }
        const int id = m.captured(1).toInt();
        const QString action = m.captured(2);
        if (action == "kick") {
            return outcome(api_.kick(id, ss(o.value("reason")), actor));
        }
        if (action == "chat") {
            return outcome(api_.privateChat(id, ss(o.value("text"))));
        }
        const std::optional<int64_t> seconds = duration(o);
        if (!seconds) {
            return error(400, "durationSeconds must be a whole number of seconds, 0 = forever");
        }
        return outcome(api_.banClient(id, *seconds, ss(o.value("reason")), actor));
    }

    // Every remaining route acts, so it takes POST only.
    using Action = std::function<ApiReply()>;
    const std::map<QString, Action> actions = {
        {"/api/chat",
         [&] {
             // JSON-RPC's broadcast sends even an empty text, as upstream does; a form that
             // posts nothing is a mistake, so the page gets told.
             const std::string text = ss(o.value("text"));
             return text.empty() ? error(400, "text is empty") : outcome(api_.broadcastChat(text));
         }},
        {"/api/bans",
         [&] {
             const std::optional<int64_t> seconds = duration(o);
             if (!seconds) {
                 return error(400,
                              "durationSeconds must be a whole number of seconds, 0 = forever");
             }
             return outcome(
                 api_.ban(ss(o.value("pattern")), *seconds, ss(o.value("reason")), actor));
         }},
        {"/api/bans/remove", [&] { return outcome(api_.unban(ss(o.value("pattern")), actor)); }},
        {"/api/allowlist",
         [&] { return outcome(api_.allow(ss(o.value("pattern")), ss(o.value("note")), actor)); }},
        {"/api/allowlist/remove",
         [&] { return outcome(api_.disallow(ss(o.value("pattern")), actor)); }},
        {"/api/allowlist/enabled",
         [&] {
             if (!o.value("enabled").isBool()) {
                 return error(400, "enabled must be true or false");
             }
             return outcome(api_.setAllowlistEnabled(o.value("enabled").toBool(), actor));
         }},
        {"/api/server/name",
         [&] {
             if (!o.value("name").isString()) {
                 return error(400, "name must be a string");
             }
             api_.setServerName(ss(o.value("name")));
             return outcome(CommandError::None);
         }},
        {"/api/server/welcome",
         [&] {
             if (!o.value("text").isString()) {
                 return error(400, "text must be a string (\"\" switches it off)");
             }
             api_.setWelcomeMessage(ss(o.value("text")));
             return outcome(CommandError::None);
         }},
        {"/api/recording",
         [&] {
             const QString what = o.value("action").toString();
             if (!api_.recorderStatus().initialised) {
                 return error(409, "no recording directory is configured");
             }
             if (what == "start") {
                 api_.startRecording();
             } else if (what == "stop") {
                 api_.stopRecording();
             } else if (what == "toggle") {
                 api_.toggleRecording();
             } else if (what == "restart") {
                 api_.restartRecording();
             } else {
                 return error(400, "action must be start, stop, toggle or restart");
             }
             return json(200, recorderJson(api_.recorderStatus()));
         }},
        {"/api/reload", [&] { return outcome(api_.reload(actor)); }},
        {"/api/backup",
         [&] {
             if (!o.value("destination").isString() ||
                 o.value("destination").toString().isEmpty()) {
                 return error(400, "destination must name the backup file");
             }
             return outcome(api_.backupDatabase(ss(o.value("destination")), actor));
         }},
    };
    const auto it = actions.find(path);
    if (it == actions.end()) {
        return error(404, "no such API route");
    }
    if (!post) {
        return error(405, "use POST");
    }
    return it->second();
}

}  // namespace tutti::web
