// The command layer's view of live mix out (issue 14). Optional: a server without --mixout has
// none, and mixOutStatus() then says "not configured".
#pragma once

#include "src/control/operator_api.h"

namespace tutti::control {

class MixOutPort {
  public:
    virtual ~MixOutPort() = default;
    virtual MixOutStatus status() const = 0;
};

}  // namespace tutti::control
