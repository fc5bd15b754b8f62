#pragma once

#include <atomic>
#include <thread>

#include "src/engine/inbound_pump.h"
#include "src/engine/rt_link.h"
#include "src/net/peer_table.h"
#include "src/net/receive_batch.h"
#include "src/net/udp_socket.h"

namespace tutti::engine {

// Reads the server's socket in batches and hands audio straight to its channel's ring for the
// mix thread and everything else to the control thread; it never blocks on either. It runs
// either on a thread of its own (start/stop), or inside the mix thread as its InboundPump
// (drainNow/waitAndDrain), never both.
//
// With two steered sockets (SteeredReceive) there is one Receiver per socket, each with its
// own rings to and from the control thread; the protocol socket's one does not feed the
// channels' audio rings, whose one producer is the audio socket's.
class Receiver : public InboundPump {
  public:
    // The server's single socket: rings `link.inbound` and `link.rxCommands`, feeds audio.
    Receiver(const net::UdpSocket& socket, RtLink& link);
    enum class Role { ProtocolSocket, AudioSocket };
    Receiver(const net::UdpSocket& socket, RtLink& link, Role role);
    ~Receiver() override;
    void start();
    void stop();

    void drainNow() override;
    void waitAndDrain(int64_t timeoutNs) override;

    struct Drained {
        std::size_t datagrams = 0;
        std::size_t fromStrangers = 0;  // non-protocol datagrams from addresses without a channel
    };
    // drainNow() with figures: what a caller needs to tell a flood from clients.
    Drained drain();
    // Blocks until datagrams arrive (at most the socket's 20 ms receive time-out), then
    // handles what one read returned.
    Drained receiveWaiting();
    // One drain() reads at most this many datagrams; the rest waits in the socket buffer.
    static std::size_t maxPerDrain();

  private:
    void run();
    Drained handleBatch(std::size_t count);
    void applyCommands();
    void handle(std::span<const uint8_t> data, const net::PeerAddress& from, bool truncated);
    // `message` is the parsed protocol message, or null for audio from an unknown address.
    void forwardToControl(std::span<const uint8_t> data, const net::PeerAddress& from,
                          const protocol::Frame* message, bool fromPeer);
    bool newcomerSeenRecently(const net::PeerAddress& from);

    const net::UdpSocket& socket_;
    RtLink& link_;
    SpscRing<InboundDatagram>& toControl_;
    SpscRing<RxCommand>& commands_;
    bool feedsAudio_ = true;
    std::size_t fromStrangers_ = 0;  // in the batch being handled
    net::PeerTable peers_;
    uint32_t generation_[kMaxChannels] = {};
    std::atomic<bool> running_{false};
    std::thread thread_;
    net::ReceiveBatch batch_;
    bool pendingWake_ = false;
    // Shedding of floods (issue 8): the last time audio from an address without a channel was
    // passed on, in a small table indexed by the address hash (no allocation, collisions only
    // delay a newcomer by kNewcomerInterval).
    static constexpr std::size_t kNewcomerSlots = 4096;
    static constexpr int64_t kNewcomerIntervalNs = 50'000'000;
    struct Newcomer {
        std::size_t hash = 0;
        int64_t lastNs = 0;
    };
    Newcomer newcomers_[kNewcomerSlots] = {};
};

}  // namespace tutti::engine
