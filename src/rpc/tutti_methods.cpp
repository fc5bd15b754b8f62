#include "src/rpc/tutti_methods.h"

#include <QJsonArray>

#include "src/rpc/admin_methods.h"
#include "src/rpc/param_reading.h"
#include "src/rpc/rpc_json.h"

namespace tutti::rpc {

namespace {

using control::CommandError;
using control::OperatorApi;

// Counters are unsigned 64-bit in the engine; JSON carries them as integers (exact below 2^53,
// which no counter reaches in practice).
QJsonValue counter(uint64_t value) {
    return static_cast<qint64>(value);
}

QJsonObject clientStatisticsObject(const control::ClientStatistics& client) {
    return QJsonObject{
        {QStringLiteral("id"), client.id},
        {QStringLiteral("jitterBufferSize"), client.jitterBufferSize},
        {QStringLiteral("packetsLate"), counter(client.packetsLate)},
        {QStringLiteral("packetsLost"), counter(client.packetsLost)},
        {QStringLiteral("packetsReceived"), counter(client.packetsReceived)},
        {QStringLiteral("packetsSent"), counter(client.packetsSent)},
    };
}

MethodOutcome engineStatistics(const OperatorApi& api) {
    const control::EngineStatistics stats = api.engineStatistics();
    QJsonArray clients;
    for (const control::ClientStatistics& client : stats.clients) {
        clients.append(clientStatisticsObject(client));
    }
    const double encodesPerTick =
        stats.ticks == 0 ? 0.0 : static_cast<double>(stats.encodes) / stats.ticks;
    return MethodOutcome::ok(QJsonObject{
        {QStringLiteral("clients"), clients},
        {QStringLiteral("datagramsDropped"), counter(stats.datagramsDropped)},
        {QStringLiteral("datagramsReceived"), counter(stats.datagramsReceived)},
        {QStringLiteral("encodes"), counter(stats.encodes)},
        {QStringLiteral("encodesPerTick"), encodesPerTick},
        {QStringLiteral("floodHandovers"), counter(stats.floodHandovers)},
        {QStringLiteral("lateTicks"), counter(stats.lateTicks)},
        {QStringLiteral("maxEncodesPerTick"), counter(stats.maxEncodesPerTick)},
        {QStringLiteral("realtimeScheduling"), stats.realtimeScheduling},
        {QStringLiteral("sharedEncodeSends"), counter(stats.sharedEncodeSends)},
        {QStringLiteral("ticks"), counter(stats.ticks)},
        {QStringLiteral("workerThreads"), stats.workerThreads},
        {QStringLiteral("worstDeadlineToSendNs"), counter(stats.worstDeadlineToSendNs)},
        {QStringLiteral("worstTickNs"), counter(stats.worstTickNs)},
    });
}

MethodOutcome levels(const OperatorApi& api) {
    QJsonArray list;
    for (const control::ChannelLevel& level : api.levels()) {
        list.append(
            QJsonObject{{QStringLiteral("id"), level.id}, {QStringLiteral("level"), level.level}});
    }
    return MethodOutcome::ok(QJsonObject{{QStringLiteral("levels"), list}});
}

MethodOutcome clients(const OperatorApi& api) {
    QJsonArray list;
    for (const control::ClientInfo& client : api.clients()) {
        list.append(QJsonObject{
            {QStringLiteral("address"), qstr(client.address)},
            {QStringLiteral("channels"), client.channels},
            {QStringLiteral("city"), qstr(client.city)},
            {QStringLiteral("connectedSeconds"), static_cast<qint64>(client.connectedSeconds)},
            {QStringLiteral("countryCode"), client.countryCode},
            {QStringLiteral("countryName"), qstr(client.countryName)},
            {QStringLiteral("id"), client.id},
            {QStringLiteral("instrumentCode"), client.instrumentCode},
            {QStringLiteral("ip"), qstr(client.ip)},
            {QStringLiteral("jitterBufferSize"), client.jitterBufferSize},
            {QStringLiteral("level"), client.level},
            {QStringLiteral("name"), qstr(client.name)},
            {QStringLiteral("skillLevelCode"), client.skillLevelCode},
        });
    }
    const qsizetype count = list.size();
    return MethodOutcome::ok(
        QJsonObject{{QStringLiteral("clients"), list}, {QStringLiteral("connections"), count}});
}

MethodOutcome kickClient(OperatorApi& api, const QJsonObject& params) {
    const auto badChannel = QStringLiteral("id is not a connected client's channel");
    const std::optional<int> id = intParam(params, "id");
    if (!id) {
        return MethodOutcome::invalidParams(badChannel);
    }
    std::string reason;
    if (params.contains(QStringLiteral("reason"))) {
        const std::optional<std::string> given = stringParam(params, "reason");
        if (!given) {
            return MethodOutcome::invalidParams(QStringLiteral("reason is not a string"));
        }
        reason = *given;
    }
    switch (api.kick(*id, reason, "jsonrpc")) {
        case CommandError::None:
            return MethodOutcome::ok(QStringLiteral("ok"));
        case CommandError::InvalidText:
            return MethodOutcome::invalidParams(QStringLiteral("reason is too long"));
        default:
            return MethodOutcome::invalidParams(badChannel);
    }
}

}  // namespace

void addTuttiMethods(MethodTable& table, OperatorApi& api) {
    OperatorApi* a = &api;
    addAdminMethods(table, api);  // issue 12: bans, allowlist, server log, reload, backups
    table.add("tutti/kickClient",
              [a](const QJsonObject& params, Session&) { return kickClient(*a, params); });
    table.add("tutti/getEngineStatistics",
              [a](const QJsonObject&, Session&) { return engineStatistics(*a); });
    table.add("tutti/getLevels", [a](const QJsonObject&, Session&) { return levels(*a); });
    table.add("tutti/getClients", [a](const QJsonObject&, Session&) { return clients(*a); });
    table.add("tutti/getRecorderStatus", [a](const QJsonObject&, Session&) {
        return MethodOutcome::ok(recorderStatusObject(a->recorderStatus()));
    });
    table.add("tutti/toggleRecording", [a](const QJsonObject&, Session&) {
        a->toggleRecording();
        return MethodOutcome::ok(QStringLiteral("acknowledged"));
    });
    // Tutti's notifications are opt-in so that Jamulus consumers only ever see Jamulus traffic.
    table.add("tutti/subscribeEvents", [](const QJsonObject&, Session& session) {
        session.tuttiEvents = true;
        return MethodOutcome::ok(QStringLiteral("ok"));
    });
}

}  // namespace tutti::rpc
