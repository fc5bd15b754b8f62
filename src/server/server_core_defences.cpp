// ServerCore's hooks into the abuse defences of issue 8: the per-client message limit, the reply
// budget for unvalidated addresses, channel admission with challenges, and disconnecting a
// client whose reliable queue overflowed. The policies themselves are in their own files.
#include "protocol/messages.h"
#include "src/server/server_core.h"

namespace tutti::server {

namespace p = tutti::protocol;

bool ServerCore::admitMessage(const net::PeerAddress& from, uint16_t id, Clock::time_point now) {
    if (id == p::msgid::kAckn) {
        return true;  // acknowledgements only ever shorten our queues
    }
    const auto it = bySlotAddress_.find(from);
    if (it == bySlotAddress_.end()) {
        return true;  // strangers: their replies are paid from the reply budget instead
    }
    return limiters_[static_cast<std::size_t>(it->second)].allow(id, now);
}

bool ServerCore::replyUnvalidated(const net::PeerAddress& to, uint16_t id,
                                  const std::vector<uint8_t>& payload, Clock::time_point now) {
    const auto it = bySlotAddress_.find(to);
    const bool validated =
        it != bySlotAddress_.end() && channels_[it->second].session.peerHasAcknowledged();
    if (!validated && !replyBudget_.allow(to, payload.size() + p::kFrameOverheadBytes, now)) {
        return false;
    }
    sendConnectionless(to, id, payload);
    return true;
}

// At most once per second per address, and paid from the reply budget. The map only learns
// addresses that were answered, so a flood of new sources cannot grow it faster than the budget.
void ServerCore::sendServerFull(const net::PeerAddress& to, Clock::time_point now) {
    const auto it = serverFullSent_.find(to);
    if (it != serverFullSent_.end() && now - it->second < kServerFullInterval) {
        return;
    }
    if (!replyBudget_.allow(to, p::kFrameOverheadBytes, now)) {
        return;
    }
    serverFullSent_[to] = now;
    sendConnectionless(to, p::ClmServerFullMsg::kId, p::ClmServerFullMsg{}.encode());
}

bool ServerCore::admitNewcomer(const net::PeerAddress& from, std::size_t datagramBytes,
                               Clock::time_point now) {
    if (bySlotAddress_.count(from) != 0) {
        return false;  // the socket reader has not applied the binding yet
    }
    for (std::size_t i = 0; i < channels_.size(); ++i) {
        admissionSlots_[i].established = channels_[i].session.peerHasAcknowledged();
    }
    const ChannelAdmission::Decision decision =
        admission_.decide(admissionSlots_, from.ipText(), now);
    using Kind = ChannelAdmission::Decision::Kind;
    if (decision.kind == Kind::Open || decision.kind == Kind::Full) {
        return true;  // the usual way: a free slot, or "server full"
    }
    if (decision.kind == Kind::AddressLimit) {
        admission_.countAddressLimit();
        sendServerFull(from, now);
        return false;
    }
    // A slot held by a channel that never answered: offer it. The challenge is the CLIENT_ID a
    // new channel gets first, so a real client acknowledges it without knowing it was one.
    const std::vector<uint8_t> challenge = p::encodeFrame(
        p::ClientIdMsg::kId, 0, p::ClientIdMsg{static_cast<uint8_t>(decision.slot)}.encode());
    if (datagramBytes >= challenge.size() && admission_.challenge(from, decision.slot, now)) {
        send_(from, challenge);
    }
    return false;
}

void ServerCore::acceptChallenge(const p::Frame& ack, const net::PeerAddress& from,
                                 Clock::time_point now) {
    const auto acked = p::AcknMsg::decode(ack.payload);
    if (!acked || acked->ackedId != p::ClientIdMsg::kId || ack.counter != 0) {
        ++droppedProtocol_;
        return;
    }
    const auto slot = admission_.takeChallenge(from, now);
    if (!slot || *slot >= config_.maxChannels) {
        ++droppedProtocol_;
        return;
    }
    const auto index = static_cast<std::size_t>(*slot);
    admissionSlots_[index].established = channels_[index].session.peerHasAcknowledged();
    if (channels_[index].connected) {
        if (!admission_.evictable(admissionSlots_[index], now)) {
            return;  // someone else won it; the newcomer's next audio is challenged again
        }
        log_(timestampNow() + ", " + channels_[index].address.ipText() +
             ", unanswered channel gives way to a new client");
        ++channelsGivenWay_;
        freeChannel(*slot, now);
    }
    const int opened = openChannel(from, now, *slot);
    // The newcomer has already acknowledged CLIENT_ID: let the session know, so the rest of the
    // connect conversation follows without waiting for a second round trip.
    if (auto reply = channels_[static_cast<std::size_t>(opened)].session.receive(ack, now)) {
        onConnectionMessage(opened, reply->id, reply->payload, now);
    }
    flush(opened);
}

bool ServerCore::disconnectIfOverflowed(int slot, Clock::time_point now) {
    ControlChannel& ch = channels_[static_cast<std::size_t>(slot)];
    if (!ch.session.overflowed()) {
        return false;
    }
    ++overflowDisconnects_;
    log_(timestampNow() + ", " + ch.address.ipText() + ", disconnected: the client does not " +
         "acknowledge our messages fast enough (" + std::to_string(ch.session.pendingCount()) +
         " queued)");
    sendConnectionless(ch.address, p::ClmDisconnectionMsg::kId, {});
    freeChannel(slot, now);
    return true;
}

}  // namespace tutti::server
