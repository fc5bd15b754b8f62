#include "src/rpc/request_processor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "src/rpc/secret_compare.h"

namespace tutti::rpc {

namespace {

const QString kApiAuth = QStringLiteral("jamulus/apiAuth");

QJsonObject errorObject(int code, const QString& message) {
    return QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
}

// Errors about the line as a whole carry no id member (as Jamulus sends them).
QJsonObject lineError(int code, const QString& message) {
    return QJsonObject{{QStringLiteral("error"), errorObject(code, message)},
                       {QStringLiteral("jsonrpc"), QStringLiteral("2.0")}};
}

bool isBlank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
}

std::string compact(const QJsonDocument& document) {
    return document.toJson(QJsonDocument::Compact).toStdString();
}

}  // namespace

std::string compactJson(const QJsonObject& object) {
    return compact(QJsonDocument(object));
}

RequestProcessor::RequestProcessor(const MethodTable& methods, std::string secret)
    : methods_(methods), secret_(std::move(secret)) {}

LineResult RequestProcessor::processLine(std::string_view line, Session& session) const {
    LineResult result;
    if (isBlank(line)) {
        result.reply =
            compactJson(lineError(-32700, QStringLiteral("Parse error: Blank line received")));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray(line.data(), static_cast<qsizetype>(line.size())), &parseError);
    // Qt refuses bare scalars at the top level, exactly as Jamulus' Qt 5 does.
    if (parseError.error != QJsonParseError::NoError || document.isNull()) {
        result.reply =
            compactJson(lineError(-32700, QStringLiteral("Parse error: Invalid JSON received")));
        result.close = true;
        return result;
    }
    if (document.isObject()) {
        result.reply = compactJson(processRequest(document.object(), session, result));
        return result;
    }
    const QJsonArray batch = document.array();
    if (batch.isEmpty()) {
        result.reply = compactJson(
            lineError(-32600, QStringLiteral("Invalid request: Empty batch request encountered")));
        result.close = true;
        return result;
    }
    // Deliberate deviation: Jamulus runs the elements before a non-object one and then closes
    // silently. We check the whole batch first, run none of it, and say why before closing.
    for (const QJsonValue& element : batch) {
        if (!element.isObject()) {
            result.reply = compactJson(lineError(
                -32600,
                QStringLiteral("Invalid request: Non-object item encountered in a batch request "
                               "array")));
            result.close = true;
            return result;
        }
    }
    QJsonArray responses;
    for (const QJsonValue& element : batch) {
        responses.append(processRequest(element.toObject(), session, result));
    }
    result.reply = compact(QJsonDocument(responses));
    return result;
}

QJsonObject RequestProcessor::processRequest(const QJsonObject& request, Session& session,
                                             LineResult& result) const {
    // The id is echoed whatever its type; a request without one is still answered, with null.
    QJsonObject response{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                         {QStringLiteral("id"), request.value(QStringLiteral("id"))}};
    if (response.value(QStringLiteral("id")).isUndefined()) {
        response.insert(QStringLiteral("id"), QJsonValue::Null);
    }
    const QJsonValue method = request.value(QStringLiteral("method"));
    const QJsonValue params = request.value(QStringLiteral("params"));
    MethodOutcome outcome;
    if (!method.isString()) {
        outcome = MethodOutcome::error(
            -32600, QStringLiteral("Invalid request: The `method` member is not a string"));
    } else if (!params.isObject()) {
        outcome = MethodOutcome::error(
            -32602, QStringLiteral("Invalid params: The `params` member is not an object"));
    } else if (method.toString() == kApiAuth) {
        outcome = authenticate(params.toObject(), session, result);
    } else if (!session.authenticated) {
        ++result.unauthenticated;
        outcome = MethodOutcome::error(
            401,
            QStringLiteral("Unauthenticated: Please authenticate using jamulus/apiAuth first"));
    } else if (const MethodHandler* handler = methods_.find(method.toString().toStdString())) {
        outcome = (*handler)(params.toObject(), session);
    } else {
        outcome = MethodOutcome::error(-32601, QStringLiteral("Method not found"));
    }
    if (outcome.failed) {
        response.insert(QStringLiteral("error"), errorObject(outcome.code, outcome.message));
    } else {
        response.insert(QStringLiteral("result"), outcome.result);
    }
    return response;
}

MethodOutcome RequestProcessor::authenticate(const QJsonObject& params, Session& session,
                                             LineResult& result) const {
    const QJsonValue secret = params.value(QStringLiteral("secret"));
    if (!secret.isString()) {
        return MethodOutcome::invalidParams(QStringLiteral("secret is not a string"));
    }
    // One guess per line: further attempts in the same batch after a failure are refused
    // without comparing, and the connection then waits before reading on.
    const bool matches =
        result.authRejected == 0 && secretMatches(secret.toString().toStdString(), secret_);
    if (!matches) {
        ++result.authRejected;
        return MethodOutcome::error(400, QStringLiteral("Authentication failed."));
    }
    // A failed attempt never revokes an earlier success (as in Jamulus).
    session.authenticated = true;
    ++result.authAccepted;
    return MethodOutcome::ok(QStringLiteral("ok"));
}

}  // namespace tutti::rpc
