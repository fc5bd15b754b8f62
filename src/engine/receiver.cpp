#include "src/engine/receiver.h"

#include <poll.h>

#include <cstring>

#include "protocol/framing.h"
#include "src/engine/thread_name.h"

namespace tutti::engine {

namespace {
constexpr std::size_t kStrangerShare = 192;  // of the inbound ring's 256 slots
constexpr std::size_t kBatch = 64;
// One drainNow() reads at most this many batches (1,024 datagrams; 150 clients send 150 to 300
// per 128-sample tick); a flood beyond that waits in the socket buffer, not in the tick.
constexpr int kMaxBatchesPerDrain = 16;
}  // namespace

Receiver::Receiver(const net::UdpSocket& socket, RtLink& link)
    : socket_(socket),
      link_(link),
      toControl_(link.inbound),
      commands_(link.rxCommands),
      batch_(kBatch, protocol::kMaxDatagram) {}

Receiver::Receiver(const net::UdpSocket& socket, RtLink& link, Role role)
    : socket_(socket),
      link_(link),
      toControl_(role == Role::AudioSocket ? link.audioInbound : link.inbound),
      commands_(role == Role::AudioSocket ? link.audioRxCommands : link.rxCommands),
      feedsAudio_(role == Role::AudioSocket),
      batch_(kBatch, protocol::kMaxDatagram) {}

std::size_t Receiver::maxPerDrain() {
    return kBatch * kMaxBatchesPerDrain;
}

Receiver::~Receiver() {
    stop();
}

void Receiver::start() {
    running_ = true;
    thread_ = std::thread([this] { run(); });
}

void Receiver::stop() {
    running_ = false;
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Receiver::applyCommands() {
    while (RxCommand* c = commands_.beginRead()) {
        if (c->kind == RxCommand::Kind::Bind) {
            peers_.bind(c->slot, c->address);
            generation_[c->slot] = c->generation;
        } else {
            peers_.unbind(c->slot);
        }
        commands_.commitRead();
    }
}

void Receiver::run() {
    nameCurrentThread("tutti-receive");
    while (running_.load(std::memory_order_relaxed)) {
        receiveWaiting();
    }
}

void Receiver::drainNow() {
    drain();
}

Receiver::Drained Receiver::drain() {
    applyCommands();
    Drained total;
    for (int i = 0; i < kMaxBatchesPerDrain; ++i) {
        const std::size_t n = batch_.receive(socket_, false);
        const Drained d = handleBatch(n);
        total.datagrams += d.datagrams;
        total.fromStrangers += d.fromStrangers;
        if (n < kBatch) {
            break;
        }
    }
    return total;
}

Receiver::Drained Receiver::receiveWaiting() {
    applyCommands();
    return handleBatch(batch_.receive(socket_, true));
}

void Receiver::waitAndDrain(int64_t timeoutNs) {
    pollfd p{socket_.fd(), POLLIN, 0};
    const timespec timeout{static_cast<time_t>(timeoutNs / 1000000000LL),
                           static_cast<long>(timeoutNs % 1000000000LL)};
    if (::ppoll(&p, 1, &timeout, nullptr) > 0) {
        drainNow();
    } else {
        applyCommands();
    }
}

Receiver::Drained Receiver::handleBatch(std::size_t count) {
    fromStrangers_ = 0;
    for (std::size_t i = 0; i < count; ++i) {
        handle(batch_.data(i), batch_.from(i), batch_.truncated(i));
    }
    if (pendingWake_) {
        link_.wakeControl();
        pendingWake_ = false;
    }
    return {count, fromStrangers_};
}

void Receiver::handle(std::span<const uint8_t> data, const net::PeerAddress& from, bool truncated) {
    auto& c = link_.counters;
    c.datagramsReceived.fetch_add(1, std::memory_order_relaxed);
    c.bytesReceived.fetch_add(data.size(), std::memory_order_relaxed);
    if (truncated) {
        c.droppedOversized.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    const int slot = peers_.find(from);
    if (const auto frame = protocol::parseFrame(data)) {
        c.protocolDatagrams.fetch_add(1, std::memory_order_relaxed);
        forwardToControl(data, from, &*frame, slot != net::PeerTable::kNone);
        return;
    }

    // Everything that is not a valid protocol message is audio (PROTOCOL.md 2).
    c.audioDatagrams.fetch_add(1, std::memory_order_relaxed);
    if (slot == net::PeerTable::kNone) {
        ++fromStrangers_;
        // Too big to be audio, or the control thread has just been told about this address:
        // shed here, before it costs the control thread anything.
        if (data.size() > kMaxAudioDatagram) {
            c.droppedOversized.fetch_add(1, std::memory_order_relaxed);
        } else if (!newcomerSeenRecently(from)) {
            forwardToControl(data, from, nullptr, false);
        }
        return;
    }
    if (!feedsAudio_) {
        // The steering sends a client's audio to the other socket; what arrives here is too
        // short or a forged message, and the audio rings have one producer, the other reader.
        c.droppedAudioOnProtocolSocket.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    // Any non-protocol datagram keeps the channel alive, even one of the wrong size.
    link_.lastAudioNs[slot].store(steadyNowNs(), std::memory_order_relaxed);
    if (data.size() > kMaxAudioDatagram) {
        c.droppedOversized.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    AudioPacket* p = link_.audio[slot]->beginWrite();
    if (p == nullptr) {
        c.droppedAudioQueueFull.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    p->generation = generation_[slot];
    p->size = static_cast<uint16_t>(data.size());
    std::memcpy(p->bytes, data.data(), data.size());
    link_.audio[slot]->commitWrite();
}

bool Receiver::newcomerSeenRecently(const net::PeerAddress& from) {
    const std::size_t hash = from.hash();
    Newcomer& n = newcomers_[hash % kNewcomerSlots];
    const int64_t now = steadyNowNs();
    if (n.hash == hash && now - n.lastNs < kNewcomerIntervalNs) {
        link_.counters.droppedNewcomerRepeats.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    n = Newcomer{hash, now};
    return false;
}

void Receiver::forwardToControl(std::span<const uint8_t> data, const net::PeerAddress& from,
                                const protocol::Frame* message, bool fromPeer) {
    // The last quarter of the hand-off ring is kept for the clients' own messages (pings,
    // acknowledgements), so a flood from strangers cannot crowd them out.
    if (!fromPeer && toControl_.filledForProducer() >= kStrangerShare) {
        link_.counters.droppedInboundQueueFull.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    InboundDatagram* d = toControl_.beginWrite();
    if (d == nullptr) {
        link_.counters.droppedInboundQueueFull.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    d->from = from;
    if (message != nullptr) {
        d->setMessage(data, *message);
    } else {  // unknown-address audio is forwarded with its size only
        d->unknownAudio = true;
        d->size = static_cast<uint16_t>(data.size());
    }
    toControl_.commitWrite();
    pendingWake_ = true;
}

}  // namespace tutti::engine
