#include "protocol/session.h"

#include <algorithm>

#include "protocol/byte_io.h"
#include "protocol/connection_messages.h"
#include "protocol/limits.h"
#include "protocol/message_ids.h"

namespace tutti::protocol {

bool Session::supersedesItself(std::uint16_t id) {
    return id == msgid::kConnClientsList || id == msgid::kRecorderState ||
           id == msgid::kJittBufSize;
}

void Session::send(std::uint16_t id, std::span<const std::uint8_t> payload, Clock::time_point now) {
    if (payload.size() > kMaxFramePayload) {
        return;
    }
    if (isConnectionlessId(id)) {
        outgoing_.push_back(encodeFrame(id, 0, payload));
        return;
    }
    const bool split = peerSupportsSplit_ && payload.size() > limits::kSplitPartBytes;
    const std::size_t parts =
        split ? (payload.size() + limits::kSplitPartBytes - 1) / limits::kSplitPartBytes : 1;
    if (!makeRoom(id, parts, payload.size())) {
        return;
    }
    ++nextMessage_;
    if (!split) {
        enqueue(id, id, payload, now);
        return;
    }
    for (std::size_t index = 0; index < parts; ++index) {
        const std::size_t offset = index * limits::kSplitPartBytes;
        const std::size_t length = std::min(limits::kSplitPartBytes, payload.size() - offset);
        SplitPartMsg part;
        part.originalId = id;
        part.parts = static_cast<std::uint8_t>(parts);
        part.index = static_cast<std::uint8_t>(index);
        part.data.assign(payload.begin() + static_cast<std::ptrdiff_t>(offset),
                         payload.begin() + static_cast<std::ptrdiff_t>(offset + length));
        enqueue(SplitPartMsg::kId, id, part.encode(), now);
    }
}

bool Session::makeRoom(std::uint16_t originalId, std::size_t entries, std::size_t bytes) {
    if (overflowed_) {
        ++refused_;
        return false;
    }
    if (supersedesItself(originalId)) {
        dropUnsent(originalId);
    }
    if (queue_.size() + entries > kMaxPendingMessages || pendingBytes_ + bytes > kMaxPendingBytes) {
        overflowed_ = true;
        ++refused_;
        return false;
    }
    return true;
}

// Removes every older message with this id that has not started to go out. A split message whose
// first part is in flight stays whole: the peer is reassembling it.
void Session::dropUnsent(std::uint16_t originalId) {
    const std::uint64_t inFlight = queue_.empty() ? 0 : queue_.front().message;
    const auto before = queue_.size();
    std::erase_if(queue_, [&](const Pending& p) {
        if (p.originalId != originalId || p.message == inFlight) {
            return false;
        }
        pendingBytes_ -= p.payload.size();
        return true;
    });
    if (queue_.size() != before) {
        ++coalesced_;
    }
}

void Session::enqueue(std::uint16_t id, std::uint16_t originalId,
                      std::span<const std::uint8_t> payload, Clock::time_point now) {
    queue_.push_back(
        Pending{id, originalId, nextMessage_, {payload.begin(), payload.end()}, 0, {}});
    pendingBytes_ += payload.size();
    if (queue_.size() == 1) {
        transmitHead(now);
    }
}

// Counters are given out when an entry first leaves, so entries removed unsent leave no gap.
void Session::transmitHead(Clock::time_point now) {
    Pending& head = queue_.front();
    if (head.datagram.empty()) {
        head.counter = nextCounter_++;  // wraps 255 -> 0
        head.datagram = encodeFrame(head.id, head.counter, head.payload);
    }
    outgoing_.push_back(head.datagram);
    headSentAt_ = now;
}

std::optional<ReceivedMessage> Session::receive(const Frame& frame, Clock::time_point now) {
    if (isConnectionlessId(frame.id)) {
        return ReceivedMessage{frame.id, {frame.payload.begin(), frame.payload.end()}};
    }
    if (frame.id == msgid::kAckn) {
        handleAck(frame, now);
        return std::nullopt;
    }
    queueAckFor(frame);
    if (frame.id == lastAcceptedId_ && frame.counter == lastAcceptedCounter_) {
        return std::nullopt;  // a retransmission whose ACK the peer missed
    }
    lastAcceptedId_ = frame.id;
    lastAcceptedCounter_ = frame.counter;
    if (frame.id == msgid::kSpecialSplitMessage) {
        return reassembler_.addPart(frame.payload);
    }
    reassembler_.reset();
    return ReceivedMessage{frame.id, {frame.payload.begin(), frame.payload.end()}};
}

void Session::handleAck(const Frame& frame, Clock::time_point now) {
    const auto ack = AcknMsg::decode(frame.payload);
    if (!ack || queue_.empty()) {
        return;
    }
    const Pending& head = queue_.front();
    if (head.datagram.empty() || head.id != ack->ackedId || head.counter != frame.counter) {
        return;
    }
    peerAcked_ = true;
    pendingBytes_ -= head.payload.size();
    queue_.pop_front();
    if (!queue_.empty()) {
        transmitHead(now);
    }
}

void Session::queueAckFor(const Frame& frame) {
    std::uint8_t payload[2];
    payload[0] = static_cast<std::uint8_t>(frame.id & 0xFF);
    payload[1] = static_cast<std::uint8_t>(frame.id >> 8);
    outgoing_.push_back(encodeFrame(msgid::kAckn, frame.counter, payload));
}

void Session::poll(Clock::time_point now) {
    if (!queue_.empty() && now - headSentAt_ >= kRetransmitInterval) {
        transmitHead(now);
    }
}

std::optional<Clock::time_point> Session::nextRetransmit() const {
    if (queue_.empty()) {
        return std::nullopt;
    }
    return headSentAt_ + kRetransmitInterval;
}

std::vector<std::vector<std::uint8_t>> Session::takeOutgoing() {
    std::vector<std::vector<std::uint8_t>> out;
    out.swap(outgoing_);
    return out;
}

void Session::reset() {
    queue_.clear();
    nextCounter_ = 0;
    lastAcceptedId_ = 0;
    lastAcceptedCounter_ = 0;
    reassembler_.reset();
    outgoing_.clear();
    peerSupportsSplit_ = false;
    pendingBytes_ = 0;
    overflowed_ = false;
    peerAcked_ = false;
}

}  // namespace tutti::protocol
