#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "src/mixout/clock_aligner.h"
#include "src/mixout/mixout_device.h"
#include "src/mixout/mixout_tap.h"

namespace tutti::mixout {

// Plays the stereo mix on an ALSA PCM device from a writer thread of its own (not the mix
// thread): it opens the device, writes periods pulled from the ring (blocking writes pace it by
// the device's clock), recovers from device underruns, and when the device disappears (a USB
// card unplugged) closes it and tries again with back-off until it returns or the server stops.
class AlsaOutput : public MixOutDevice {
  public:
    AlsaOutput(MixOutTap& tap, std::string device, int tickSamples);
    ~AlsaOutput() override;

    void poll(Clock::time_point now) override;
    void stop() override;
    bool running() const override { return running_.load(std::memory_order_acquire); }
    std::string error() const override;
    uint64_t underruns() const override { return aligner_.underruns(); }
    uint64_t corrections() const override { return aligner_.corrections(); }

  private:
    void run();
    // Plays until the device fails or stop; returns why it stopped ("" for stop).
    std::string play(void* pcm);
    void setError(const std::string& e);
    bool waitFor(std::chrono::milliseconds d);  // false: stop requested

    MixOutTap& tap_;
    const std::string device_;
    const int tickSamples_;
    ClockAligner aligner_;
    std::atomic<bool> running_{false};
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;  // error_ and the stop wait; never touched by the mix thread
    std::condition_variable wake_;
    std::string error_;  // "" until the first attempt failed
    std::thread thread_;
};

}  // namespace tutti::mixout
