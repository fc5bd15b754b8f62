#include "src/rpc/param_reading.h"

#include <QJsonValue>
#include <cmath>
#include <limits>

namespace tutti::rpc {

std::optional<std::string> stringParam(const QJsonObject& params, const char* name) {
    const QJsonValue value = params.value(QLatin1String(name));
    if (!value.isString()) {
        return std::nullopt;
    }
    return value.toString().toStdString();
}

std::optional<int> intParam(const QJsonObject& params, const char* name) {
    const QJsonValue value = params.value(QLatin1String(name));
    if (!value.isDouble()) {
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (std::trunc(number) != number || number < std::numeric_limits<int>::min() ||
        number > std::numeric_limits<int>::max()) {
        return std::nullopt;
    }
    return static_cast<int>(number);
}

}  // namespace tutti::rpc
