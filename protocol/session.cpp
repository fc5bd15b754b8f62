#include "protocol/session.h"

#include <algorithm>

#include "protocol/byte_io.h"
#include "protocol/connection_messages.h"
#include "protocol/limits.h"
#include "protocol/message_ids.h"

namespace tutti::protocol {

void Session::send(std::uint16_t id, std::span<const std::uint8_t> payload, Clock::time_point now) {
    if (payload.size() > kMaxFramePayload) {
        return;
    }
    if (isConnectionlessId(id)) {
        outgoing_.push_back(encodeFrame(id, 0, payload));
        return;
    }
    if (!peerSupportsSplit_ || payload.size() <= limits::kSplitPartBytes) {
        enqueue(id, payload, now);
        return;
    }
    const std::size_t parts =
        (payload.size() + limits::kSplitPartBytes - 1) / limits::kSplitPartBytes;
    for (std::size_t index = 0; index < parts; ++index) {
        const std::size_t offset = index * limits::kSplitPartBytes;
        const std::size_t length = std::min(limits::kSplitPartBytes, payload.size() - offset);
        SplitPartMsg part;
        part.originalId = id;
        part.parts = static_cast<std::uint8_t>(parts);
        part.index = static_cast<std::uint8_t>(index);
        part.data.assign(payload.begin() + static_cast<std::ptrdiff_t>(offset),
                         payload.begin() + static_cast<std::ptrdiff_t>(offset + length));
        enqueue(SplitPartMsg::kId, part.encode(), now);
    }
}

void Session::enqueue(std::uint16_t id, std::span<const std::uint8_t> payload,
                      Clock::time_point now) {
    const std::uint8_t counter = nextCounter_++;  // wraps 255 -> 0
    queue_.push_back(Pending{id, counter, encodeFrame(id, counter, payload)});
    if (queue_.size() == 1) {
        transmitHead(now);
    }
}

void Session::transmitHead(Clock::time_point now) {
    outgoing_.push_back(queue_.front().datagram);
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
    if (head.id != ack->ackedId || head.counter != frame.counter) {
        return;
    }
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
}

}  // namespace tutti::protocol
