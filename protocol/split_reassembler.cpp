#include "protocol/split_reassembler.h"

#include "protocol/connection_messages.h"
#include "protocol/framing.h"
#include "protocol/limits.h"
#include "protocol/message_ids.h"

namespace tutti::protocol {

std::optional<ReceivedMessage> SplitReassembler::addPart(
    std::span<const std::uint8_t> partPayload) {
    const auto part = SplitPartMsg::decode(partPayload);
    if (!part) {
        reset();
        return std::nullopt;
    }
    const bool startsMessage = expectedIndex_ == 0;
    const bool sameMessage =
        startsMessage || (part->originalId == originalId_ && part->parts == parts_);
    const bool inOrder = part->index == expectedIndex_ && part->index < part->parts &&
                         part->index < limits::kMaxSplitParts;
    const bool fits = buffer_.size() + part->data.size() <= limits::kReassemblyBytes;
    // A split message wrapping an acknowledgement or another split message has no meaning.
    const bool sensibleId =
        part->originalId != msgid::kAckn && part->originalId != msgid::kSpecialSplitMessage;
    if (!sameMessage || !inOrder || !fits || !sensibleId) {
        reset();
        return std::nullopt;
    }
    if (startsMessage) {
        originalId_ = part->originalId;
        parts_ = part->parts;
        buffer_.clear();
        buffer_.reserve(limits::kReassemblyBytes);
    }
    buffer_.insert(buffer_.end(), part->data.begin(), part->data.end());
    ++expectedIndex_;
    if (expectedIndex_ < parts_) {
        return std::nullopt;
    }
    ReceivedMessage complete{originalId_, std::move(buffer_)};
    buffer_ = {};
    expectedIndex_ = 0;
    return complete;
}

void SplitReassembler::reset() {
    buffer_.clear();
    expectedIndex_ = 0;
    parts_ = 0;
    originalId_ = 0;
}

}  // namespace tutti::protocol
