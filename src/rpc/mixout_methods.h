// tutti/getMixOutStatus: live mix out to JACK or ALSA (issue 14), as the command layer sees it.
#pragma once

#include "src/control/operator_api.h"
#include "src/rpc/method_table.h"

namespace tutti::rpc {

void addMixOutMethods(MethodTable& table, const control::OperatorApi& api);

}  // namespace tutti::rpc
