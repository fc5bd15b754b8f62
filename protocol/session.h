#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "protocol/framing.h"
#include "protocol/received_message.h"
#include "protocol/split_reassembler.h"

namespace tutti::protocol {

using Clock = std::chrono::steady_clock;

// Reliable delivery of connection messages with one peer (PROTOCOL.md 4): counters, one message
// in flight, acknowledgements, retransmission, duplicate detection and split messages.
// Pure logic: the caller passes the time in, feeds received frames and ships takeOutgoing().
//
// The queue is bounded, because a peer decides how fast it acknowledges and other peers decide
// how much we relay to it: messages that describe a whole state (client list, recorder state,
// jitter buffer size) replace an unsent older copy instead of queueing behind it, and past
// kMaxPendingMessages or kMaxPendingBytes the session stops queueing and reports overflowed(),
// so that its owner can disconnect a peer that cannot keep up.
class Session {
  public:
    static constexpr auto kRetransmitInterval = std::chrono::milliseconds(400);
    // A 150-client connect conversation plus a burst of chat stays far below both.
    static constexpr std::size_t kMaxPendingMessages = 512;
    static constexpr std::size_t kMaxPendingBytes = 256 * 1024;

    // True for ids whose newest message makes an unsent older one pointless.
    static bool supersedesItself(std::uint16_t id);

    // Queues a connection message; the head of the queue goes out as soon as it becomes head.
    // Payloads over 550 bytes are split once the peer has said it can reassemble. Connectionless
    // ids bypass the queue (sent at once, counter 0). Payloads too long for a frame are dropped.
    void send(std::uint16_t id, std::span<const std::uint8_t> payload, Clock::time_point now);

    template <typename Msg>
    void send(const Msg& message, Clock::time_point now) {
        const auto payload = message.encode();
        send(Msg::kId, payload, now);
    }

    // Handles one received protocol frame. Connection messages other than ACKN are always
    // acknowledged (unknown ids and invalid payloads too); the message is returned unless it
    // repeats the last accepted one or is an incomplete part of a split message. An ACKN
    // releases the head of the queue if id and counter match and returns nothing.
    // Connectionless frames are returned as they are and never acknowledged.
    std::optional<ReceivedMessage> receive(const Frame& frame, Clock::time_point now);

    // Re-sends the unacknowledged head every 400 ms.
    void poll(Clock::time_point now);

    // When poll() next has something to do; nullopt while nothing awaits an acknowledgement.
    std::optional<Clock::time_point> nextRetransmit() const;

    // Complete datagrams, in the order they must be sent.
    std::vector<std::vector<std::uint8_t>> takeOutgoing();
    bool hasOutgoing() const { return !outgoing_.empty(); }

    void setPeerSupportsSplit(bool supported) { peerSupportsSplit_ = supported; }
    bool peerSupportsSplit() const { return peerSupportsSplit_; }

    // Back to the initial state (PROTOCOL.md 4.5): counter 0, empty queue, no duplicate memory,
    // no reassembly. Split support is forgotten too, since it belongs to the departed peer.
    void reset();

    // Messages queued and not yet acknowledged, including the one in flight.
    std::size_t pendingCount() const { return queue_.size(); }
    std::size_t pendingBytes() const { return pendingBytes_; }
    // The peer fell so far behind that a message had to be refused; sticky until reset().
    bool overflowed() const { return overflowed_; }
    // Messages that replaced an unsent older copy, and messages refused for lack of room.
    std::uint64_t coalescedCount() const { return coalesced_; }
    std::uint64_t refusedCount() const { return refused_; }
    // The peer has acknowledged at least one of our messages since the last reset(): it receives
    // at its address and speaks the protocol.
    bool peerHasAcknowledged() const { return peerAcked_; }

  private:
    struct Pending {
        std::uint16_t id;
        std::uint16_t originalId;  // differs from id for the parts of a split message
        std::uint64_t message;     // the parts of one split message share it
        std::vector<std::uint8_t> payload;
        std::uint8_t counter = 0;  // assigned when the entry first goes out
        std::vector<std::uint8_t> datagram;
    };

    bool makeRoom(std::uint16_t originalId, std::size_t entries, std::size_t bytes);
    void dropUnsent(std::uint16_t originalId);
    void enqueue(std::uint16_t id, std::uint16_t originalId, std::span<const std::uint8_t> payload,
                 Clock::time_point now);
    void transmitHead(Clock::time_point now);
    void handleAck(const Frame& frame, Clock::time_point now);
    void queueAckFor(const Frame& frame);

    std::deque<Pending> queue_;
    Clock::time_point headSentAt_{};
    std::uint8_t nextCounter_ = 0;
    // Duplicate memory; id 0 is not a real message id, so the initial state matches nothing
    // a conforming peer sends.
    std::uint16_t lastAcceptedId_ = 0;
    std::uint8_t lastAcceptedCounter_ = 0;
    SplitReassembler reassembler_;
    std::vector<std::vector<std::uint8_t>> outgoing_;
    bool peerSupportsSplit_ = false;
    std::uint64_t nextMessage_ = 0;
    std::size_t pendingBytes_ = 0;
    bool overflowed_ = false;
    bool peerAcked_ = false;
    std::uint64_t coalesced_ = 0;
    std::uint64_t refused_ = 0;
};

}  // namespace tutti::protocol
