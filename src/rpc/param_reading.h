// Small helpers for reading typed members out of a request's params.
#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>
#include <string>

namespace tutti::rpc {

// The member as UTF-8 if it is a JSON string, else nullopt (missing counts as not a string).
std::optional<std::string> stringParam(const QJsonObject& params, const char* name);
// The member if it is a number with no fraction that fits an int, else nullopt.
std::optional<int> intParam(const QJsonObject& params, const char* name);

inline QString qstr(const std::string& text) {
    return QString::fromStdString(text);
}

}  // namespace tutti::rpc
