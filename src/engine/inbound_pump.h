#pragma once

#include <cstdint>

namespace tutti::engine {

// What reads the server's socket when the mix thread does the reading itself instead of a
// receive thread of its own: called only from the mix thread, never blocks longer than asked.
class InboundPump {
  public:
    virtual ~InboundPump() = default;
    // Reads and hands on whatever has arrived, without waiting (bounded per call, so a flood
    // cannot hold the tick: the rest waits in the socket buffer for the next call).
    virtual void drainNow() = 0;
    // With nobody to mix: waits up to timeoutNs for a datagram, then drains as drainNow().
    virtual void waitAndDrain(int64_t timeoutNs) = 0;
};

}  // namespace tutti::engine
