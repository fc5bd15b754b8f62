#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "protocol/framing.h"
#include "src/engine/rt_link.h"
#include "src/limits/reply_budget.h"
#include "src/net/peer_address.h"
#include "src/server/channel_admission.h"
#include "src/server/channel_listener.h"
#include "src/server/client_message_limiter.h"
#include "src/server/connectionless_handler.h"
#include "src/server/control_channel.h"
#include "src/server/server_events.h"

namespace tutti::server {

struct ServerConfig {
    int maxChannels = 10;
    std::string welcomeMessage;  // already resolved (file read, cut to 1600)
    bool licenceRequired = false;
    bool disconnectOnQuit = false;
    std::string version;        // what VERSION_AND_OS reports; must start with a number >= 3.6.0
    uint8_t recorderState = 1;  // 1 = no recorder configured; later changes: setRecorderState
    int maxChannelsPerAddress = ChannelAdmission::kDefaultMaxPerAddress;  // --maxchannelsperip
};

// The server's protocol logic on the control thread: channel lifecycle, the reliable sessions,
// client lists, chat, connectionless answers, time-outs. It is Qt-free and clock-injected, so it
// is unit-tested directly; the real-time threads are reached only through RtLink queues.
class ServerCore {
  public:
    using Clock = std::chrono::steady_clock;
    using SendFn = std::function<void(const net::PeerAddress&, std::span<const uint8_t>)>;
    using LogFn = std::function<void(const std::string&)>;

    static constexpr auto kChannelTimeout = std::chrono::seconds(30);
    // After CLM_DISCONNECTION, stray audio from that address must not reopen a channel at once.
    static constexpr auto kDisconnectGrace = std::chrono::milliseconds(500);
    static constexpr auto kServerFullInterval = std::chrono::seconds(1);
    // A kicked client's audio that is still on its way must not bring it straight back.
    static constexpr auto kKickGrace = std::chrono::seconds(5);
    // How long a kick waits for the client to acknowledge the reason before disconnecting it.
    static constexpr auto kKickReasonWait = std::chrono::seconds(1);

    ServerCore(ServerConfig config, engine::RtLink& link, SendFn send, LogFn log);

    void onDatagram(const engine::InboundDatagram& d, Clock::time_point now);
    // Retransmissions, time-outs, events from the mix thread. Call every few tens of ms.
    void onTimer(Clock::time_point now);
    // Clean stop: optional CLM_DISCONNECTION to everyone (-d), the idle log line.
    void shutdown();

    // Sends RECORDER_STATE to every connected client and to every later one on connect.
    void setRecorderState(uint8_t state, Clock::time_point now);
    uint8_t recorderState() const { return config_.recorderState; }
    // Told of channels opening, closing and being named; null for nobody. Not owned.
    void setChannelListener(ChannelListener* listener) { channelListener_ = listener; }

    // Gets the connectionless ids ServerCore does not answer itself (directory messages), plus
    // timer ticks and the clean stop; null for nobody. Not owned.
    void setConnectionlessHandler(ConnectionlessHandler* handler) { clHandler_ = handler; }

    // Operator side: told of connects, disconnects, profile changes and relayed chat; null for
    // nobody. Not owned.
    void setEventListener(ServerEventListener* listener) { eventListener_ = listener; }
    // A chat line sent as is (HTML allowed) to every connected client.
    void broadcastChat(const std::string& text, Clock::time_point now);
    // A chat line to one client; false if `slot` is not connected.
    bool sendChat(int slot, const std::string& text, Clock::time_point now);
    // Disconnects a client: a non-empty reason first reaches it as a chat line (the disconnect
    // follows once it is acknowledged, at most kKickReasonWait later), then CLM_DISCONNECTION,
    // and the channel is freed. False if `slot` is not connected.
    bool kick(int slot, const std::string& reason, Clock::time_point now);
    // For clients connecting from now on; "" sends none.
    void setWelcomeMessage(std::string text) { config_.welcomeMessage = std::move(text); }
    const std::string& welcomeMessage() const { return config_.welcomeMessage; }
    int maxChannels() const { return config_.maxChannels; }

    // Administration (issue 12). Asked before a datagram from an address without a channel gets
    // a channel or any reply; false drops it unanswered (the check counts what it refuses).
    // `directoryTraffic`: a connectionless message of the directory protocol, which an allowlist
    // lets through (a server behind one must still hear its directory). Null admits everyone.
    using AccessCheck = std::function<bool(const net::PeerAddress&, bool directoryTraffic)>;
    void setAccessCheck(AccessCheck check) { accessCheck_ = std::move(check); }
    // A client whose level stayed 0 and that sent no protocol message of its own for this long
    // is told why and disconnected; zero turns it off.
    void setIdleTimeout(std::chrono::seconds timeout) { idleTimeout_ = timeout; }
    std::chrono::seconds idleTimeout() const { return idleTimeout_; }
    uint64_t idleDisconnects() const { return idleDisconnects_; }

    int connectedCount() const;
    const ControlChannel& channel(int slot) const { return channels_[slot]; }
    uint64_t droppedProtocolDatagrams() const { return droppedProtocol_; }
    uint64_t rateLimitDrops() const { return rateLimitDrops_; }  // part of the above
    // The abuse defences' figures (issue 8).
    const limits::ReplyBudget& replyBudget() const { return replyBudget_; }
    uint64_t overflowDisconnects() const { return overflowDisconnects_; }
    uint64_t channelsGivenWay() const { return channelsGivenWay_; }

    // Delay panning at run time (the desktop window): one command on the mix ring.
    void setDelayPanning(bool on);

  private:
    void onUnknownAudio(const net::PeerAddress& from, Clock::time_point now);
    void onConnectionless(const protocol::Frame& f, const net::PeerAddress& from,
                          Clock::time_point now);
    void onConnectionMessage(int slot, uint16_t id, std::span<const uint8_t> payload,
                             Clock::time_point now);
    int openChannel(const net::PeerAddress& from, Clock::time_point now, int atSlot = -1);
    // Hooks of the abuse defences (issue 8); their policies live in their own files.
    bool admitMessage(const net::PeerAddress& from, uint16_t id, Clock::time_point now);
    // Returns whether the reply went out.
    bool replyUnvalidated(const net::PeerAddress& to, uint16_t id,
                          const std::vector<uint8_t>& payload, Clock::time_point now);
    void sendServerFull(const net::PeerAddress& to, Clock::time_point now);
    bool admitNewcomer(const net::PeerAddress& from, std::size_t datagramBytes,
                       Clock::time_point now);
    void acceptChallenge(const protocol::Frame& ack, const net::PeerAddress& from,
                         Clock::time_point now);
    bool disconnectIfOverflowed(int slot, Clock::time_point now);
    void freeChannel(int slot, Clock::time_point now);
    void queue(int slot, uint16_t id, const std::vector<uint8_t>& payload, Clock::time_point now);
    void flush(int slot);
    void sendConnectionless(const net::PeerAddress& to, uint16_t id,
                            const std::vector<uint8_t>& payload);
    std::vector<uint8_t> clientListPayload() const;
    void broadcastClientList(Clock::time_point now);
    void pushMix(const engine::MixCommand& c);
    void pushRx(const engine::RxCommand& c);
    void setGain(int listener, int source, float gain, Clock::time_point now);
    void pruneMaps(Clock::time_point now);
    void finishKick(int slot, Clock::time_point now);
    void pollKicks(Clock::time_point now);
    std::string timestampNow() const;
    // Administration hooks (server_core_admin.cpp).
    bool refusedAccess(const net::PeerAddress& from, bool directoryTraffic) const;
    static bool isDirectoryTraffic(uint16_t id);
    void noteActivity(int slot, uint16_t id, Clock::time_point now);
    void disconnectIfIdle(int slot, Clock::time_point now);

    ServerConfig config_;
    engine::RtLink& link_;
    SendFn send_;
    LogFn log_;
    std::vector<ControlChannel> channels_;
    std::unordered_map<net::PeerAddress, int, net::PeerAddressHash> bySlotAddress_;
    std::unordered_map<net::PeerAddress, Clock::time_point, net::PeerAddressHash> recentlyLeft_;
    std::unordered_map<net::PeerAddress, Clock::time_point, net::PeerAddressHash> serverFullSent_;
    uint32_t nextGeneration_ = 1;
    uint64_t droppedProtocol_ = 0;
    uint64_t rateLimitDrops_ = 0;
    ChannelListener* channelListener_ = nullptr;
    ConnectionlessHandler* clHandler_ = nullptr;
    ServerEventListener* eventListener_ = nullptr;
    std::unordered_map<net::PeerAddress, Clock::time_point, net::PeerAddressHash> kickedUntil_;
    struct PendingKick {
        uint32_t generation = 0;
        Clock::time_point deadline;
    };
    std::unordered_map<int, PendingKick> pendingKicks_;
    Clock::time_point lastPrune_{};
    ChannelAdmission admission_;
    std::vector<ChannelAdmission::Slot> admissionSlots_;
    std::vector<ClientMessageLimiter> limiters_;
    limits::ReplyBudget replyBudget_;
    uint64_t overflowDisconnects_ = 0;
    uint64_t channelsGivenWay_ = 0;
    AccessCheck accessCheck_;
    std::chrono::seconds idleTimeout_{0};
    uint64_t idleDisconnects_ = 0;
};

}  // namespace tutti::server
