#include "src/server/client_message_limiter.h"

#include "protocol/message_ids.h"

namespace tutti::server {

namespace msgid = tutti::protocol::msgid;

bool ClientMessageLimiter::isCostly(uint16_t id) {
    // Split parts only come from long chat texts or lists; treating each part as costly keeps a
    // 36-part message from slipping through as 36 cheap ones.
    return id == msgid::kChatText || id == msgid::kChannelInfos ||
           id == msgid::kReqConnClientsList || id == msgid::kSpecialSplitMessage ||
           id == msgid::kClmReqConnClientsList;
}

bool ClientMessageLimiter::allow(uint16_t id, Clock::time_point now) {
    const bool costly = isCostly(id);
    // Both buckets are checked before either is drawn from, so a refusal costs no token.
    if ((costly && costly_.level(now) < 1.0) || !any_.take(now)) {
        ++dropped_;
        return false;
    }
    if (costly) {
        costly_.take(now);
    }
    return true;
}

}  // namespace tutti::server
