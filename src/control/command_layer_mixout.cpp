// CommandLayer's mix-out operations (issue 14), apart from command_layer.cpp so the parallel
// features each keep their own file.
#include "src/control/command_layer.h"

namespace tutti::control {

MixOutStatus CommandLayer::mixOutStatus() const {
    if (mixOut_ == nullptr) {
        return {};  // configured = false
    }
    MixOutStatus s = mixOut_->status();
    s.configured = true;
    return s;
}

}  // namespace tutti::control
