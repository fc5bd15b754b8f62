#include "src/rpc/jamulus_methods.h"

#include <QJsonArray>

#include "src/rpc/param_reading.h"

namespace tutti::rpc {

namespace {

using control::CommandError;
using control::OperatorApi;

constexpr int kMaxChatCharacters = 1600;  // what a Jamulus server accepts for a chat text

QJsonObject clientObject(const control::ClientInfo& client) {
    return QJsonObject{
        {QStringLiteral("address"), qstr(client.address)},
        {QStringLiteral("channels"), client.channels},
        {QStringLiteral("city"), qstr(client.city)},
        {QStringLiteral("countryName"), qstr(client.countryName)},
        {QStringLiteral("id"), client.id},
        {QStringLiteral("instrumentCode"), client.instrumentCode},
        {QStringLiteral("jitterBufferSize"), client.jitterBufferSize},
        {QStringLiteral("name"), qstr(client.name)},
        {QStringLiteral("skillLevelCode"), client.skillLevelCode},
    };
}

MethodOutcome getClients(const OperatorApi& api) {
    QJsonArray list;
    for (const control::ClientInfo& client : api.clients()) {
        list.append(clientObject(client));
    }
    // 3.10+ shape; 3.9.1 consumers simply see more members than they knew.
    const qsizetype count = list.size();
    return MethodOutcome::ok(
        QJsonObject{{QStringLiteral("clients"), list}, {QStringLiteral("connections"), count}});
}

MethodOutcome getServerProfile(const OperatorApi& api) {
    const control::ServerProfile profile = api.serverProfile();
    return MethodOutcome::ok(QJsonObject{
        {QStringLiteral("city"), qstr(profile.city)},
        {QStringLiteral("countryId"), profile.countryId},
        {QStringLiteral("directory"), qstr(profile.directory)},
        {QStringLiteral("directoryAddress"), qstr(profile.directoryAddress)},
        // The 3.9.1 name of `directory`, kept for consumers written against it.
        {QStringLiteral("directoryServer"), qstr(profile.directory)},
        {QStringLiteral("directoryType"), qstr(control::directoryTypeKey(profile.directoryType))},
        {QStringLiteral("name"), qstr(profile.name)},
        {QStringLiteral("registrationStatus"), qstr(profile.registrationStatus)},
        {QStringLiteral("welcomeMessage"), qstr(profile.welcomeMessage)},
    });
}

MethodOutcome getRecorderStatus(const OperatorApi& api) {
    const control::RecorderStatus status = api.recorderStatus();
    return MethodOutcome::ok(QJsonObject{
        {QStringLiteral("enabled"), status.enabled},
        {QStringLiteral("errorMessage"), qstr(status.errorMessage)},
        {QStringLiteral("initialised"), status.initialised},
        {QStringLiteral("recordingDirectory"), qstr(status.recordingDirectory)},
    });
}

MethodOutcome setDirectory(OperatorApi& api, const QJsonObject& params) {
    const std::optional<std::string> typeKey = stringParam(params, "directoryType");
    if (!typeKey) {
        return MethodOutcome::invalidParams(QStringLiteral("directory type is not a string"));
    }
    std::string address;
    if (params.contains(QStringLiteral("directoryAddress"))) {
        const std::optional<std::string> given = stringParam(params, "directoryAddress");
        if (!given) {
            return MethodOutcome::invalidParams(
                QStringLiteral("directory address is not a string"));
        }
        address = *given;
    }
    // Deliberate deviation: Jamulus takes an unknown type for any_genre_1 and registers with the
    // public directory; a typo should not publish a private server.
    const std::optional<control::DirectoryType> type = control::directoryTypeFromKey(*typeKey);
    if (!type) {
        return MethodOutcome::invalidParams(QStringLiteral("unknown directory type"));
    }
    const auto requiredMessage =
        QStringLiteral("directory address is required when directory type is \"custom\"");
    if (*type == control::DirectoryType::Custom && address.empty()) {
        return MethodOutcome::invalidParams(requiredMessage);
    }
    if (api.setDirectory(*type, address) == CommandError::InvalidAddress) {
        return MethodOutcome::invalidParams(requiredMessage);
    }
    return MethodOutcome::ok(QStringLiteral("ok"));
}

MethodOutcome broadcastChatMessage(OperatorApi& api, const QJsonObject& params) {
    const std::optional<std::string> text = stringParam(params, "chatMessage");
    if (!text) {
        return MethodOutcome::invalidParams(QStringLiteral("chatMessage is not a string"));
    }
    if (api.broadcastChat(*text) != CommandError::None) {
        return MethodOutcome::invalidParams(
            QStringLiteral("chatMessage is not a string or malformed"));
    }
    return MethodOutcome::ok(QStringLiteral("ok"));
}

MethodOutcome privateChatMessage(OperatorApi& api, const QJsonObject& params) {
    const QJsonValue textValue = params.value(QStringLiteral("chatMessage"));
    const auto malformed = QStringLiteral("chatMessage is not a string or malformed");
    if (!textValue.isString() || textValue.toString().isEmpty() ||
        textValue.toString().size() > kMaxChatCharacters) {
        return MethodOutcome::invalidParams(malformed);
    }
    // Deliberate deviation: Jamulus answers a bad id with the bare string "invalid channel ID"
    // as `error`; we send a proper error object that keeps the phrase.
    const auto badChannel = QStringLiteral("invalid channel ID");
    const std::optional<int> id = intParam(params, "id");
    if (!id) {
        return MethodOutcome::invalidParams(badChannel);
    }
    switch (api.privateChat(*id, textValue.toString().toStdString())) {
        case CommandError::None:
            return MethodOutcome::ok(QStringLiteral("ok"));
        case CommandError::InvalidText:
            return MethodOutcome::invalidParams(malformed);
        default:
            return MethodOutcome::invalidParams(badChannel);
    }
}

// A method whose only param is one string, answered with `answer` once the api has it.
template <typename Apply>
MethodHandler stringSetter(const char* member, QString answer, Apply apply) {
    return [member, answer, apply](const QJsonObject& params, Session&) {
        const std::optional<std::string> value = stringParam(params, member);
        if (!value) {
            return MethodOutcome::invalidParams(QLatin1String(member) +
                                                QStringLiteral(" is not a string"));
        }
        apply(*value);
        return MethodOutcome::ok(answer);
    };
}

}  // namespace

void addJamulusMethods(MethodTable& table, OperatorApi& api, const std::string& version) {
    const auto ok = QStringLiteral("ok");
    const auto acknowledged = QStringLiteral("acknowledged");
    OperatorApi* a = &api;

    table.add("jamulus/getMode", [](const QJsonObject&, Session&) {
        return MethodOutcome::ok(QJsonObject{{QStringLiteral("mode"), QStringLiteral("server")}});
    });
    table.add("jamulus/getVersion", [version](const QJsonObject&, Session&) {
        return MethodOutcome::ok(QJsonObject{{QStringLiteral("version"), qstr(version)}});
    });
    table.add("jamulusserver/getClients",
              [a](const QJsonObject&, Session&) { return getClients(*a); });
    table.add("jamulusserver/getServerProfile",
              [a](const QJsonObject&, Session&) { return getServerProfile(*a); });
    table.add("jamulusserver/getRecorderStatus",
              [a](const QJsonObject&, Session&) { return getRecorderStatus(*a); });
    // The command layer cuts the name to 20 characters, as -o does: a directory silently
    // refuses longer names, which Jamulus lets through.
    table.add("jamulusserver/setServerName",
              stringSetter("serverName", ok, [a](const std::string& v) { a->setServerName(v); }));
    table.add(
        "jamulusserver/setWelcomeMessage",
        stringSetter("welcomeMessage", ok, [a](const std::string& v) { a->setWelcomeMessage(v); }));
    table.add("jamulusserver/setRecordingDirectory",
              stringSetter("recordingDirectory", acknowledged,
                           [a](const std::string& v) { a->setRecordingDirectory(v); }));
    table.add("jamulusserver/startRecording", [a, acknowledged](const QJsonObject&, Session&) {
        a->startRecording();
        return MethodOutcome::ok(acknowledged);
    });
    table.add("jamulusserver/stopRecording", [a, acknowledged](const QJsonObject&, Session&) {
        a->stopRecording();
        return MethodOutcome::ok(acknowledged);
    });
    table.add("jamulusserver/restartRecording", [a, acknowledged](const QJsonObject&, Session&) {
        a->restartRecording();
        return MethodOutcome::ok(acknowledged);
    });
    table.add("jamulusserver/setDirectory",
              [a](const QJsonObject& params, Session&) { return setDirectory(*a, params); });
    table.add("jamulusserver/broadcastChatMessage", [a](const QJsonObject& params, Session&) {
        return broadcastChatMessage(*a, params);
    });
    table.add("jamulusserver/privateChatMessage",
              [a](const QJsonObject& params, Session&) { return privateChatMessage(*a, params); });
}

}  // namespace tutti::rpc
