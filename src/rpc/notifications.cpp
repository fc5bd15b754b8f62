#include "src/rpc/notifications.h"

#include "src/rpc/param_reading.h"
#include "src/rpc/request_processor.h"
#include "src/rpc/rpc_json.h"

namespace tutti::rpc {

namespace {

std::string notification(const char* method, const QJsonObject& params) {
    return compactJson(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                   {QStringLiteral("method"), QLatin1String(method)},
                                   {QStringLiteral("params"), params}});
}

}  // namespace

QJsonObject recorderStatusObject(const control::RecorderStatus& status) {
    return QJsonObject{
        {QStringLiteral("enabled"), status.enabled},
        {QStringLiteral("errorMessage"), qstr(status.errorMessage)},
        {QStringLiteral("initialised"), status.initialised},
        {QStringLiteral("recording"), status.recording},
        {QStringLiteral("recordingDirectory"), qstr(status.recordingDirectory)},
        {QStringLiteral("sessionDirectory"), qstr(status.sessionDirectory)},
    };
}

std::string clientConnectedNotification(int id, const std::string& ip, int totalChannels) {
    return notification("jamulusserver/clientConnected",
                        QJsonObject{{QStringLiteral("address"), qstr(ip)},
                                    {QStringLiteral("id"), id},
                                    {QStringLiteral("totalChannels"), totalChannels}});
}

std::string clientDisconnectedNotification(int id) {
    return notification("jamulusserver/clientDisconnected",
                        QJsonObject{{QStringLiteral("id"), id}});
}

std::string chatMessageReceivedNotification(int id, const std::string& html) {
    return notification(
        "jamulusserver/chatMessageReceived",
        QJsonObject{{QStringLiteral("chatMessage"), qstr(html)}, {QStringLiteral("id"), id}});
}

std::string clientProfileChangedNotification(int id) {
    return notification("tutti/clientProfileChanged", QJsonObject{{QStringLiteral("id"), id}});
}

std::string registrationStatusChangedNotification(const std::string& statusKey) {
    return notification("tutti/registrationStatusChanged",
                        QJsonObject{{QStringLiteral("registrationStatus"), qstr(statusKey)}});
}

std::string recordingStateChangedNotification(const control::RecorderStatus& status) {
    return notification("tutti/recordingStateChanged", recorderStatusObject(status));
}

}  // namespace tutti::rpc
