#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "protocol/received_message.h"

namespace tutti::protocol {

// Receiving side of split messages (PROTOCOL.md 4.4): parts must arrive in order; anything
// unexpected drops what was collected so far.
class SplitReassembler {
  public:
    // Feeds the payload of one id-2001 message. Returns the original message when this was its
    // last part, nullopt otherwise (also when the part was rejected).
    std::optional<ReceivedMessage> addPart(std::span<const std::uint8_t> partPayload);

    // Called for every non-split connection message, which interrupts a reassembly.
    void reset();

    bool inProgress() const { return expectedIndex_ != 0; }

  private:
    std::vector<std::uint8_t> buffer_;
    std::uint16_t originalId_ = 0;
    std::uint8_t parts_ = 0;
    std::uint8_t expectedIndex_ = 0;
};

}  // namespace tutti::protocol
