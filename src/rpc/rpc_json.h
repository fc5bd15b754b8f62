// JSON shapes shared by a method and a notification.
#pragma once

#include <QJsonObject>

#include "src/control/operator_api.h"

namespace tutti::rpc {

// Every member of the command layer's recorder status (Tutti's fuller form of getRecorderStatus).
QJsonObject recorderStatusObject(const control::RecorderStatus& status);

}  // namespace tutti::rpc
