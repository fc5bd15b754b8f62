// ServerCore's hooks for administration (issue 12): the access check (bans, allowlist) made
// before an unknown address is answered, and the idle time-out. The rules live in src/admin and
// reach ServerCore only as the AccessCheck function.
#include "protocol/messages.h"
#include "src/server/server_core.h"

namespace tutti::server {

namespace p = tutti::protocol;

bool ServerCore::refusedAccess(const net::PeerAddress& from, bool directoryTraffic) const {
    if (!accessCheck_ || bySlotAddress_.count(from) != 0) {
        return false;  // a connected client was admitted; a new ban kicks it, it is not muted
    }
    return !accessCheck_(from, directoryTraffic);
}

bool ServerCore::isDirectoryTraffic(uint16_t id) {
    if (!p::isConnectionlessId(id)) {
        return false;
    }
    switch (id) {
        case p::ClmPingMsMsg::kId:
        case p::ClmPingMsWithNumClientsMsg::kId:
        case p::ClmReqVersionAndOsMsg::kId:
        case p::ClmReqConnClientsListMsg::kId:
        case p::ClmDisconnectionMsg::kId:
            return false;  // what ServerCore answers itself: client traffic
        default:
            return true;
    }
}

void ServerCore::noteActivity(int slot, uint16_t id, Clock::time_point now) {
    // A client's jitter buffer size changes by itself (auto mode), so it is no sign of a
    // musician at the instrument; everything else a client sends is.
    if (id != p::JittBufSizeMsg::kId) {
        channels_[slot].lastActive = now;
    }
}

void ServerCore::disconnectIfIdle(int slot, Clock::time_point now) {
    if (idleTimeout_.count() <= 0 || pendingKicks_.count(slot) != 0) {
        return;
    }
    ControlChannel& ch = channels_[slot];
    if (link_.figures[slot].level.load(std::memory_order_relaxed) > 0) {
        ch.lastActive = now;
        return;
    }
    if (now - ch.lastActive < idleTimeout_) {
        return;
    }
    ++idleDisconnects_;
    if (eventListener_ != nullptr) {
        eventListener_->clientIdle(slot);
    }
    kick(slot,
         "You were disconnected: no sound and no activity for " +
             std::to_string(idleTimeout_.count()) + " seconds (idle time-out).",
         now);
}

}  // namespace tutti::server
