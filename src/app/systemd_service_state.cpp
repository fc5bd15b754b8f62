#include "src/app/systemd_service_state.h"

namespace tutti::app {

std::string statusText(const ServiceState& s) {
    std::string text = std::to_string(s.clients) + "/" + std::to_string(s.maxClients) + " clients";
    if (s.directoryServer) {
        text += "; acting as a directory";
    } else if (!s.registration.empty()) {
        text += "; directory: " + s.registration;
    }
    switch (s.recorderState) {
        case 2:
            text += "; recording: off";
            break;
        case 3:
            text += "; recording: on";
            break;
        default:
            break;  // no -R: nothing worth a word
    }
    return text;
}

bool MixWatchdog::healthy(const MixProgress& now, int64_t nowNs) {
    const bool first = !haveSample_;
    const MixProgress before = last_;
    const int64_t elapsedNs = nowNs - lastNs_;
    haveSample_ = true;
    last_ = now;
    lastNs_ = nowNs;
    if (first || now.loops == before.loops) {
        return false;
    }
    if (now.ticks == before.ticks || tickPeriodNs_ <= 0) {
        return true;  // idle (nobody connected) but looping
    }
    // Mixing: at least a quarter of the ticks the clock asked for. A sample that spans the
    // switch from idle to mixing may see fewer; that skips one ping, and systemd acts only after
    // a whole WatchdogSec without any (the driver pings three times per WatchdogSec).
    const int64_t expected = elapsedNs / tickPeriodNs_;
    return static_cast<int64_t>(now.ticks - before.ticks) * 4 >= expected;
}

bool ReadinessGate::becameReady(const MixProgress& now) {
    if (ready_) {
        return false;
    }
    if (!haveSample_) {
        haveSample_ = true;
        firstLoops_ = now.loops;
        return false;
    }
    ready_ = now.loops != firstLoops_;
    return ready_;
}

}  // namespace tutti::app
