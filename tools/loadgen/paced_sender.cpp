#include "tools/loadgen/paced_sender.h"

#include <cstring>

namespace tutti::loadgen {

PacedSender::PacedSender(const FrameBank& bank, Clock::duration period, int clients)
    : bank_(bank), period_(period), frame_(static_cast<std::size_t>(bank.codedBytes() + 1)) {
    // Room for a worst-case wake-up without growing: every client owes a few frames.
    pending_.reserve(static_cast<std::size_t>(clients) * 8 + 64);
}

void PacedSender::queueDue(LoadClient& c, Clock::time_point now, ClientTransport& transport) {
    if (now - c.nextSend > kMaxBacklog) {
        ++resyncs_;
        c.nextSend += period_ * ((now - c.nextSend) / period_);
    }
    while (c.nextSend <= now) {
        const auto coded = bank_.frame(c.voice, c.frameIndex++);
        std::memcpy(frame_.data(), coded.data(), coded.size());
        std::size_t length = coded.size();
        if (c.sequenceOn) {
            frame_[length++] = c.nextSequence++;
        }
        transport.queue(c.index, std::span<const std::uint8_t>(frame_.data(), length));
        pending_.push_back(c.nextSend);
        if (!c.firstSendAt) {
            c.firstSendAt = now;
        }
        c.nextSend += period_;
    }
}

void PacedSender::sent(Clock::time_point at, bool measuring) {
    if (measuring) {
        for (const auto deadline : pending_) {
            late_.add(std::chrono::duration<double, std::micro>(at - deadline).count());
        }
    }
    pending_.clear();
}

}  // namespace tutti::loadgen
