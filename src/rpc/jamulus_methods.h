// The jamulus/* and jamulusserver/* methods of JSONRPC.md section 4 in their newest form, with the
// 3.9.1 member names kept alongside so consumers of either version keep working.
#pragma once

#include <string>

#include "src/control/operator_api.h"
#include "src/rpc/method_table.h"

namespace tutti::rpc {

// jamulus/apiAuth is not here: the request processor owns the authentication gate.
void addJamulusMethods(MethodTable& table, control::OperatorApi& api, const std::string& version);

}  // namespace tutti::rpc
