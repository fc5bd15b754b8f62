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
class Receiver : public InboundPump {
  public:
    Receiver(const net::UdpSocket& socket, RtLink& link);
    ~Receiver() override;
    void start();
    void stop();

    void drainNow() override;
    void waitAndDrain(int64_t timeoutNs) override;

  private:
    void run();
    void handleBatch(std::size_t count);
    void applyCommands();
    void handle(std::span<const uint8_t> data, const net::PeerAddress& from, bool truncated);
    // `message` is the parsed protocol message, or null for audio from an unknown address.
    void forwardToControl(std::span<const uint8_t> data, const net::PeerAddress& from,
                          const protocol::Frame* message, bool fromPeer);
    bool newcomerSeenRecently(const net::PeerAddress& from);

    const net::UdpSocket& socket_;
    RtLink& link_;
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
