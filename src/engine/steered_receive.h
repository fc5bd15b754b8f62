#pragma once

#include <atomic>
#include <thread>

#include "src/engine/inbound_pump.h"
#include "src/engine/receiver.h"

namespace tutti::engine {

// Reads the server's port when it is two steered sockets (net/steered_sockets.h): a thread of
// its own waits on the protocol socket, so pings and acknowledgements are handled on arrival,
// and the mix thread reads the audio socket once per tick as its InboundPump, so no thread is
// woken per audio datagram.
//
// A flood of non-protocol datagrams lands on the audio socket. When one tick's read finds one
// (many datagrams from addresses without a channel, or a full read), the audio socket moves to
// the receive thread until a second has passed without one, so the flood costs that thread's
// core and not the mix thread's ticks. The audio socket's Receiver, with its rings, moves with
// it: one thread at a time owns it, handed over through an atomic flag (release, acquire).
class SteeredReceive : public InboundPump {
  public:
    SteeredReceive(const net::UdpSocket& protocolSocket, const net::UdpSocket& audioSocket,
                   RtLink& link);
    ~SteeredReceive() override;
    void start();
    void stop();

    void drainNow() override;                       // mix thread
    void waitAndDrain(int64_t timeoutNs) override;  // mix thread, nobody to mix

    bool audioOnReceiveThread() const {
        return audioOnReceiveThread_.load(std::memory_order_relaxed);
    }

    // A read this tick with at least this many datagrams from strangers is a flood (about
    // 48,000 a second at 64-sample ticks; a client joining sends one or two before its
    // channel exists).
    static constexpr std::size_t kFloodFromStrangersPerRead = 64;
    // The receive thread hands the socket back after this long without a 100 ms window of
    // more than 1,000 datagrams from strangers (10,000 a second).
    static constexpr int64_t kCalmBeforeHandBackNs = 1'000'000'000;

  private:
    void run();
    void readBothUntilCalm();

    const net::UdpSocket& protocolSocket_;
    const net::UdpSocket& audioSocket_;
    RtLink& link_;
    Receiver protocolReader_;
    Receiver audioReader_;
    std::atomic<bool> audioOnReceiveThread_{false};
    std::atomic<bool> running_{false};
    std::thread thread_;
};

}  // namespace tutti::engine
