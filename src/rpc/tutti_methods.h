// Tutti's own methods, in the tutti/ namespace so they can never collide with a future Jamulus
// method: what the command layer offers beyond Jamulus (kick, engine figures, levels, the full
// client and recorder details, toggling the recorder, opting in to Tutti's notifications).
#pragma once

#include "src/control/operator_api.h"
#include "src/rpc/method_table.h"

namespace tutti::rpc {

void addTuttiMethods(MethodTable& table, control::OperatorApi& api);

}  // namespace tutti::rpc
