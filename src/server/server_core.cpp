#include "src/server/server_core.h"

#include <algorithm>
#include <ctime>

#include "protocol/codec_params.h"
#include "protocol/messages.h"
#include "src/server/chat_format.h"

namespace tutti::server {

namespace p = tutti::protocol;

namespace {
constexpr uint8_t kOsLinux = 2;

// The socket reader stamps audio arrival with the same steady clock.
int64_t toNs(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
}  // namespace

ServerCore::ServerCore(ServerConfig config, engine::RtLink& link, SendFn send, LogFn log)
    : config_(std::move(config)),
      link_(link),
      send_(std::move(send)),
      log_(std::move(log)),
      channels_(static_cast<std::size_t>(config_.maxChannels)),
      admission_(config_.maxChannelsPerAddress),
      admissionSlots_(channels_.size()),
      limiters_(channels_.size()) {}

int ServerCore::connectedCount() const {
    return static_cast<int>(std::count_if(channels_.begin(), channels_.end(),
                                          [](const ControlChannel& c) { return c.connected; }));
}

std::string ServerCore::timestampNow() const {
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &local);
    return buf;
}

void ServerCore::pushMix(const engine::MixCommand& c) {
    // The ring holds thousands of commands and the mix thread drains it every tick; if it is
    // ever full the mix thread is stalled and the command is lost with the tick.
    link_.mixCommands.push(c);
}

void ServerCore::setDelayPanning(bool on) {
    engine::MixCommand c;
    c.kind = engine::MixCommand::Kind::SetDelayPan;
    c.value = on ? 1.0f : 0.0f;
    pushMix(c);
}

void ServerCore::pushRx(const engine::RxCommand& c) {
    link_.commandReaders(c);
}

void ServerCore::sendConnectionless(const net::PeerAddress& to, uint16_t id,
                                    const std::vector<uint8_t>& payload) {
    const std::vector<uint8_t> datagram = p::encodeFrame(id, 0, payload);
    send_(to, datagram);
}

void ServerCore::queue(int slot, uint16_t id, const std::vector<uint8_t>& payload,
                       Clock::time_point now) {
    channels_[slot].session.send(id, payload, now);
}

void ServerCore::flush(int slot) {
    ControlChannel& ch = channels_[slot];
    for (const auto& d : ch.session.takeOutgoing()) {
        send_(ch.address, d);
    }
}

void ServerCore::onDatagram(const engine::InboundDatagram& d, Clock::time_point now) {
    if (d.unknownAudio) {
        if (refusedAccess(d.from, false)) {
            return;
        }
        if (admitNewcomer(d.from, d.size, now)) {
            onUnknownAudio(d.from, now);
        }
        return;
    }
    const p::Frame frame = d.frame();  // parsed and checked by the socket reader
    if (refusedAccess(d.from, isDirectoryTraffic(frame.id))) {
        return;
    }
    if (!admitMessage(d.from, frame.id, now)) {
        ++droppedProtocol_;  // over the client's message rate: dropped, the client repeats it
        ++rateLimitDrops_;
        return;
    }
    if (p::isConnectionlessId(frame.id)) {
        onConnectionless(frame, d.from, now);
        return;
    }
    const auto it = bySlotAddress_.find(d.from);
    if (it == bySlotAddress_.end()) {
        if (frame.id == p::msgid::kAckn) {
            acceptChallenge(frame, d.from, now);  // a newcomer answering a challenge CLIENT_ID
            return;
        }
        ++droppedProtocol_;  // connection messages from strangers are dropped unacknowledged
        return;
    }
    const int slot = it->second;
    if (auto msg = channels_[slot].session.receive(frame, now)) {
        noteActivity(slot, msg->id, now);
        onConnectionMessage(slot, msg->id, msg->payload, now);
    }
    if (channels_[slot].connected) {
        flush(slot);
    }
}

void ServerCore::onUnknownAudio(const net::PeerAddress& from, Clock::time_point now) {
    if (bySlotAddress_.count(from) != 0) {
        return;  // the socket reader has not applied the binding yet
    }
    if (auto it = kickedUntil_.find(from); it != kickedUntil_.end() && now < it->second) {
        return;
    }
    if (auto it = recentlyLeft_.find(from); it != recentlyLeft_.end()) {
        if (now - it->second < kDisconnectGrace) {
            return;
        }
        recentlyLeft_.erase(it);
    }
    if (openChannel(from, now) >= 0) {
        return;
    }
    // Server full: Jamulus answers every refused datagram (~375/s); one answer per second per
    // address tells a client just as well without turning us into a packet reflector.
    sendServerFull(from, now);
    pruneMaps(now);
}

int ServerCore::openChannel(const net::PeerAddress& from, Clock::time_point now, int atSlot) {
    int slot = atSlot;
    for (int i = 0; slot < 0 && i < config_.maxChannels; ++i) {
        if (!channels_[i].connected) {
            slot = i;
        }
    }
    if (slot < 0) {
        return -1;
    }
    ControlChannel& ch = channels_[slot];
    ch.session.reset();
    ch.connected = true;
    ch.generation = nextGeneration_++;
    ch.address = from;
    ch.identified = false;
    ch.profile = ClientProfile{};
    ch.props.reset();
    ch.connectedAt = now;
    ch.lastActive = now;
    ch.gain.fill(1.0f);
    for (auto& other : channels_) {
        other.gain[slot] = 1.0f;
    }
    bySlotAddress_[from] = slot;
    admissionSlots_[slot] = ChannelAdmission::Slot{true, false, from.ipText(), now};
    limiters_[slot] = ClientMessageLimiter{};
    link_.lastAudioNs[slot].store(toNs(now), std::memory_order_relaxed);

    if (channelListener_ != nullptr) {
        channelListener_->channelOpened(slot, ch.generation, from);
    }
    pushRx({engine::RxCommand::Kind::Bind, slot, ch.generation, from});
    engine::MixCommand connect;
    connect.kind = engine::MixCommand::Kind::Connect;
    connect.slot = slot;
    connect.generation = ch.generation;
    connect.address = from;
    pushMix(connect);

    log_(timestampNow() + ", " + from.ipText() + ", connected (" +
         std::to_string(connectedCount()) + ")");
    if (eventListener_ != nullptr) {
        eventListener_->clientConnected(slot, from, connectedCount());
    }

    // The connect conversation of PROTOCOL.md 5.2, in this order, one message in flight at a time.
    queue(slot, p::ClientIdMsg::kId, p::ClientIdMsg{static_cast<uint8_t>(slot)}.encode(), now);
    queue(slot, p::ConnClientsListMsg::kId, p::ConnClientsListMsg{}.encode(), now);
    queue(slot, p::ReqSplitMessSupportMsg::kId, p::ReqSplitMessSupportMsg{}.encode(), now);
    queue(slot, p::ReqNetwTransportPropsMsg::kId, p::ReqNetwTransportPropsMsg{}.encode(), now);
    queue(slot, p::ReqJittBufSizeMsg::kId, p::ReqJittBufSizeMsg{}.encode(), now);
    queue(slot, p::ReqChannelInfosMsg::kId, p::ReqChannelInfosMsg{}.encode(), now);
    if (!config_.welcomeMessage.empty()) {
        queue(slot, p::ChatTextMsg::kId,
              p::ChatTextMsg{formatWelcome(config_.welcomeMessage)}.encode(), now);
    }
    if (config_.licenceRequired) {
        queue(slot, p::LicenceRequiredMsg::kId, p::LicenceRequiredMsg{1}.encode(), now);
    }
    queue(slot, p::VersionAndOsMsg::kId, p::VersionAndOsMsg{kOsLinux, config_.version}.encode(),
          now);
    queue(slot, p::RecorderStateMsg::kId, p::RecorderStateMsg{config_.recorderState}.encode(), now);
    flush(slot);
    return slot;
}

void ServerCore::freeChannel(int slot, Clock::time_point now) {
    ControlChannel& ch = channels_[slot];
    if (!ch.connected) {
        return;
    }
    bySlotAddress_.erase(ch.address);
    recentlyLeft_[ch.address] = now;
    if (channelListener_ != nullptr) {
        channelListener_->channelClosed(slot, ch.generation);
    }
    ch.session.reset();
    ch.connected = false;
    admissionSlots_[slot] = ChannelAdmission::Slot{};
    ch.identified = false;
    ch.props.reset();
    ch.address = net::PeerAddress{};
    pushRx({engine::RxCommand::Kind::Unbind, slot, 0, {}});
    engine::MixCommand disconnect;
    disconnect.kind = engine::MixCommand::Kind::Disconnect;
    disconnect.slot = slot;
    pushMix(disconnect);

    if (connectedCount() == 0) {
        log_(timestampNow() + ",, server idling -------------------------------------");
    } else {
        broadcastClientList(now);
    }
    if (eventListener_ != nullptr) {
        eventListener_->clientDisconnected(slot);
    }
}

std::vector<uint8_t> ServerCore::clientListPayload() const {
    p::ConnClientsListMsg list;
    for (int i = 0; i < config_.maxChannels; ++i) {
        const ControlChannel& c = channels_[i];
        if (c.connected) {
            list.entries.push_back(p::ClientListEntry{static_cast<uint8_t>(i), c.profile.country,
                                                      c.profile.instrument, c.profile.skill,
                                                      c.profile.name, c.profile.city});
        }
    }
    return list.encode();
}

void ServerCore::setRecorderState(uint8_t state, Clock::time_point now) {
    config_.recorderState = state;
    const std::vector<uint8_t> payload = p::RecorderStateMsg{state}.encode();
    for (int i = 0; i < config_.maxChannels; ++i) {
        if (channels_[i].connected) {
            queue(i, p::RecorderStateMsg::kId, payload, now);
            flush(i);
        }
    }
}

void ServerCore::broadcastClientList(Clock::time_point now) {
    const std::vector<uint8_t> payload = clientListPayload();
    for (int i = 0; i < config_.maxChannels; ++i) {
        if (channels_[i].connected) {
            queue(i, p::ConnClientsListMsg::kId, payload, now);
            flush(i);
        }
    }
}

void ServerCore::setGain(int listener, int source, float gain, Clock::time_point now) {
    ControlChannel& me = channels_[listener];
    const float before = me.gain[source];
    me.gain[source] = gain;
    engine::MixCommand c;
    c.kind = engine::MixCommand::Kind::SetGain;
    c.slot = listener;
    c.other = source;
    c.value = gain;
    pushMix(c);

    // Tell the source that this listener (un)muted it (PROTOCOL.md 9.3).
    const bool muted = gain == 0.0f;
    if ((before > 0.0f) == muted && channels_[source].connected) {
        queue(source, p::MuteStateChangedMsg::kId,
              p::MuteStateChangedMsg{static_cast<uint8_t>(listener), muted}.encode(), now);
        if (source != listener) {
            flush(source);
        }
    }
}

void ServerCore::onConnectionMessage(int slot, uint16_t id, std::span<const uint8_t> payload,
                                     Clock::time_point now) {
    ControlChannel& ch = channels_[slot];
    switch (id) {
        case p::JittBufSizeMsg::kId:
            if (auto m = p::JittBufSizeMsg::decode(payload)) {
                engine::MixCommand c;
                c.kind = engine::MixCommand::Kind::SetJitterSize;
                c.slot = slot;
                c.value = static_cast<float>(m->blocks);
                pushMix(c);
            }
            break;
        case p::ChannelGainMsg::kId:
            if (auto m = p::ChannelGainMsg::decode(payload);
                m && m->channel < config_.maxChannels) {
                // A u16 caps the gain just below 2 (+6 dB), as in Jamulus.
                setGain(slot, m->channel, m->gain / 32768.0f, now);
            }
            break;
        case p::ChannelPanMsg::kId:
            if (auto m = p::ChannelPanMsg::decode(payload); m && m->channel < config_.maxChannels) {
                engine::MixCommand c;
                c.kind = engine::MixCommand::Kind::SetPan;
                c.slot = slot;
                c.other = m->channel;
                // 3.9.1 does not clamp; beyond 1 the pan law would produce negative gains.
                c.value = std::clamp(m->pan / 32768.0f, 0.0f, 1.0f);
                pushMix(c);
            }
            break;
        case p::ReqConnClientsListMsg::kId:
            queue(slot, p::ConnClientsListMsg::kId, clientListPayload(), now);
            break;
        case p::ChatTextMsg::kId:
            if (auto m = p::ChatTextMsg::decode(payload)) {
                const std::string line =
                    formatChatLine(slot, ch.profile.name, m->text, std::time(nullptr));
                const std::vector<uint8_t> out = p::ChatTextMsg{line}.encode();
                for (int i = 0; i < config_.maxChannels; ++i) {
                    if (channels_[i].connected) {
                        queue(i, p::ChatTextMsg::kId, out, now);
                        if (i != slot) {
                            flush(i);
                        }
                    }
                }
                if (eventListener_ != nullptr) {
                    eventListener_->chatRelayed(slot, line);
                }
            }
            break;
        case p::NetwTransportPropsMsg::kId:
            if (auto m = p::NetwTransportPropsMsg::decode(payload)) {
                const auto codec = static_cast<p::Codec>(m->codec);
                if (codec == p::Codec::Celt) {
                    queue(slot, p::OpusSupportedMsg::kId, p::OpusSupportedMsg{}.encode(), now);
                    break;
                }
                engine::TransportProps props;
                // Anything but OPUS64 is taken as OPUS, as Jamulus does.
                props.frameSamples = static_cast<int>(
                    p::frameSamples(codec == p::Codec::Opus64 ? p::Codec::Opus64 : p::Codec::Opus));
                props.channels = m->channels;
                props.sequenceNumbers = m->flags == 1;
                props.codedBytes =
                    static_cast<int>(p::codedBytesOfField(m->frameBytes, props.sequenceNumbers));
                props.blockFactor = m->blockFactor;
                if (props.codedBytes < 1 ||
                    static_cast<std::size_t>(props.datagramBytes()) > engine::kMaxAudioDatagram) {
                    break;  // valid for Jamulus, but no Opus client produces such frames
                }
                ch.props = props;
                engine::MixCommand c;
                c.kind = engine::MixCommand::Kind::SetProps;
                c.slot = slot;
                c.props = props;
                pushMix(c);
            }
            break;
        case p::ChannelInfosMsg::kId:
            if (auto m = p::ChannelInfosMsg::decode(payload)) {
                ClientProfile profile{m->country, m->instrument, m->skill, m->name, m->city};
                const bool first = !ch.identified;
                const bool changed = first || !(profile == ch.profile);
                const bool renamed = first || profile.name != ch.profile.name;
                ch.profile = profile;
                if (renamed && channelListener_ != nullptr) {
                    channelListener_->channelNamed(slot, profile.name);
                }
                if (first) {
                    ch.identified = true;
                    engine::MixCommand c;
                    c.kind = engine::MixCommand::Kind::SetIdentified;
                    c.slot = slot;
                    pushMix(c);
                }
                if (changed) {
                    broadcastClientList(now);
                    if (eventListener_ != nullptr) {
                        eventListener_->clientProfileChanged(slot);
                    }
                }
            }
            break;
        case p::SplitMessSupportedMsg::kId:
            ch.session.setPeerSupportsSplit(true);
            break;
        default:
            break;  // obsolete, server-to-client or unknown ids: acknowledged and ignored
    }
}

void ServerCore::onConnectionless(const p::Frame& f, const net::PeerAddress& from,
                                  Clock::time_point now) {
    switch (f.id) {
        case p::ClmPingMsMsg::kId:
            if (auto m = p::ClmPingMsMsg::decode(f.payload)) {
                if (replyUnvalidated(from, p::ClmPingMsMsg::kId, m->encode(), now) &&
                    clHandler_ != nullptr) {
                    clHandler_->onPingAnswered(from, now);
                }
            }
            break;
        case p::ClmPingMsWithNumClientsMsg::kId:
            if (auto m = p::ClmPingMsWithNumClientsMsg::decode(f.payload)) {
                p::ClmPingMsWithNumClientsMsg reply{m->timeMs,
                                                    static_cast<uint8_t>(connectedCount())};
                if (replyUnvalidated(from, p::ClmPingMsWithNumClientsMsg::kId, reply.encode(),
                                     now) &&
                    clHandler_ != nullptr) {
                    clHandler_->onPingAnswered(from, now);
                }
            }
            break;
        case p::ClmReqVersionAndOsMsg::kId:
            replyUnvalidated(from, p::ClmVersionAndOsMsg::kId,
                             p::ClmVersionAndOsMsg{kOsLinux, config_.version}.encode(), now);
            break;
        case p::ClmReqConnClientsListMsg::kId:
            replyUnvalidated(from, p::ClmConnClientsListMsg::kId, clientListPayload(), now);
            break;
        case p::ClmDisconnectionMsg::kId:
            if (auto it = bySlotAddress_.find(from); it != bySlotAddress_.end()) {
                freeChannel(it->second, now);
            }
            break;
        default:
            // Directory messages go to the handler; 4.0 queries and unknown ids get no answer.
            if (clHandler_ != nullptr) {
                clHandler_->onConnectionless(f.id, f.payload, from, now);
            }
            break;
    }
}

void ServerCore::onTimer(Clock::time_point now) {
    engine::MixEvent e;
    while (link_.mixEvents.pop(e)) {
        if (e.slot >= 0 && e.slot < config_.maxChannels && channels_[e.slot].connected) {
            queue(e.slot, p::JittBufSizeMsg::kId,
                  p::JittBufSizeMsg{static_cast<uint16_t>(e.value)}.encode(), now);
            flush(e.slot);
        }
    }
    const int64_t nowNs = toNs(now);
    for (int i = 0; i < config_.maxChannels; ++i) {
        ControlChannel& ch = channels_[i];
        if (!ch.connected) {
            continue;
        }
        const int64_t last = link_.lastAudioNs[i].load(std::memory_order_relaxed);
        if (nowNs - last > std::chrono::nanoseconds(kChannelTimeout).count()) {
            freeChannel(i, now);
            continue;
        }
        if (disconnectIfOverflowed(i, now)) {
            continue;
        }
        disconnectIfIdle(i, now);
        ch.session.poll(now);
        flush(i);
    }
    pollKicks(now);
    pruneMaps(now);
    if (clHandler_ != nullptr) {
        clHandler_->onTimer(now);
    }
}

void ServerCore::pruneMaps(Clock::time_point now) {
    if (now - lastPrune_ < std::chrono::seconds(5)) {
        return;
    }
    lastPrune_ = now;
    std::erase_if(recentlyLeft_,
                  [&](const auto& kv) { return now - kv.second > kDisconnectGrace; });
    std::erase_if(serverFullSent_,
                  [&](const auto& kv) { return now - kv.second > kServerFullInterval; });
    std::erase_if(kickedUntil_, [&](const auto& kv) { return now >= kv.second; });
}

void ServerCore::broadcastChat(const std::string& text, Clock::time_point now) {
    const std::vector<uint8_t> out = p::ChatTextMsg{text}.encode();
    for (int i = 0; i < config_.maxChannels; ++i) {
        if (channels_[i].connected) {
            queue(i, p::ChatTextMsg::kId, out, now);
            flush(i);
        }
    }
}

bool ServerCore::sendChat(int slot, const std::string& text, Clock::time_point now) {
    if (slot < 0 || slot >= config_.maxChannels || !channels_[slot].connected) {
        return false;
    }
    queue(slot, p::ChatTextMsg::kId, p::ChatTextMsg{text}.encode(), now);
    flush(slot);
    return true;
}

bool ServerCore::kick(int slot, const std::string& reason, Clock::time_point now) {
    if (slot < 0 || slot >= config_.maxChannels || !channels_[slot].connected) {
        return false;
    }
    if (pendingKicks_.count(slot) != 0) {
        return true;  // already on its way out
    }
    if (reason.empty()) {
        finishKick(slot, now);
        return true;
    }
    sendChat(slot, reason, now);
    pendingKicks_[slot] = PendingKick{channels_[slot].generation, now + kKickReasonWait};
    return true;
}

void ServerCore::finishKick(int slot, Clock::time_point now) {
    const net::PeerAddress address = channels_[slot].address;
    sendConnectionless(address, p::ClmDisconnectionMsg::kId, {});
    freeChannel(slot, now);
    kickedUntil_[address] = now + kKickGrace;
}

void ServerCore::pollKicks(Clock::time_point now) {
    for (auto it = pendingKicks_.begin(); it != pendingKicks_.end();) {
        const int slot = it->first;
        const ControlChannel& ch = channels_[slot];
        if (!ch.connected || ch.generation != it->second.generation) {
            it = pendingKicks_.erase(it);  // left by itself meanwhile
            continue;
        }
        if (ch.session.pendingCount() == 0 || now >= it->second.deadline) {
            it = pendingKicks_.erase(it);
            finishKick(slot, now);
            continue;
        }
        ++it;
    }
}

void ServerCore::shutdown() {
    if (clHandler_ != nullptr) {
        clHandler_->onShutdown();
    }
    const int n = connectedCount();
    if (config_.disconnectOnQuit) {
        for (auto& ch : channels_) {
            if (ch.connected) {
                sendConnectionless(ch.address, p::ClmDisconnectionMsg::kId, {});
            }
        }
    }
    if (n > 0) {
        log_(timestampNow() + ",, server idling -------------------------------------");
    }
}

}  // namespace tutti::server
