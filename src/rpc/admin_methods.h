// The administration methods (issue 12): bans, the allowlist, the server log, reload and
// backups, over the command layer like every other method. Registered with Tutti's methods.
#pragma once

#include "src/control/operator_api.h"
#include "src/rpc/method_table.h"

namespace tutti::rpc {

void addAdminMethods(MethodTable& table, control::OperatorApi& api);

}  // namespace tutti::rpc
