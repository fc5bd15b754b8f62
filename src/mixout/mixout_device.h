#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tutti::mixout {

// One audio back end (JACK client, ALSA writer) reading the tap's ring. Lives on the control
// thread, which calls poll() a few times a second: that is where a lost device is noticed and
// reconnected, with back-off, never on the mix thread.
class MixOutDevice {
  public:
    using Clock = std::chrono::steady_clock;
    virtual ~MixOutDevice() = default;

    virtual void poll(Clock::time_point now) = 0;
    virtual void stop() = 0;
    virtual bool running() const = 0;
    virtual std::string error() const = 0;  // why it is not running; "" when it is
    virtual uint64_t underruns() const = 0;
    virtual uint64_t corrections() const = 0;
    // Connected clients by slot, for per-channel outputs that carry their names.
    virtual void setChannelNames(const std::vector<std::pair<int, std::string>>& /*names*/) {}
};

// How long to wait before the next attempt: 1 s, doubling to 10 s.
inline std::chrono::milliseconds retryDelay(int failures) {
    const int shift = failures < 4 ? failures : 4;
    const auto ms = std::chrono::milliseconds(1000 << shift);
    return ms < std::chrono::milliseconds(10000) ? ms : std::chrono::milliseconds(10000);
}

}  // namespace tutti::mixout
