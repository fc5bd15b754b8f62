#pragma once

#include <jack/jack.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "src/mixout/clock_aligner.h"
#include "src/mixout/input_ring.h"
#include "src/mixout/mixout_device.h"
#include "src/mixout/mixout_tap.h"

namespace tutti::mixout {

// A JACK client with output ports mix_left and mix_right (and, if asked, one port per channel
// named "NN-name"), fed from the tap's ring in JACK's process callback. The callback only pulls
// from the ring and copies; everything that may block (opening, port registration, closing,
// retrying after the server went away) happens in poll() on the control thread.
class JackOutput : public MixOutDevice {
  public:
    // `input`: with --mixoutinput, where the input ports' audio goes (named `inputName`).
    JackOutput(MixOutTap& tap, std::string clientName, int tickSamples, InputRing* input = nullptr,
               std::string inputName = {});
    ~JackOutput() override;

    void poll(Clock::time_point now) override;
    void stop() override;
    bool running() const override { return client_ != nullptr; }
    std::string error() const override { return error_; }
    uint64_t underruns() const override;
    uint64_t corrections() const override;
    void setChannelNames(const std::vector<std::pair<int, std::string>>& names) override;

  private:
    static int process(jack_nframes_t frames, void* self);
    static void shutdown(void* self);
    static int bufferSizeChanged(jack_nframes_t frames, void* self);
    void open(Clock::time_point now);
    void close();
    void fail(const std::string& why, Clock::time_point now);
    void nameChannelPort(int slot);

    MixOutTap& tap_;
    const std::string clientName_;
    const int tickSamples_;
    jack_client_t* client_ = nullptr;
    jack_port_t* mix_[2] = {nullptr, nullptr};
    InputRing* input_;
    const std::string inputName_;
    jack_port_t* in_[2] = {nullptr, nullptr};
    // Per-channel ports, registered on the control thread and then published to the callback.
    std::unique_ptr<std::atomic<jack_port_t*>[]> channelPorts_;
    std::vector<std::string> channelNames_;  // by slot; "" = no client
    std::unique_ptr<ClockAligner> aligner_;
    std::vector<float> frames_;  // the callback's interleaved scratch
    std::atomic<bool> serverGone_{false};
    // A new ring target after JACK's period changed, applied by the callback (0 = none).
    std::atomic<std::size_t> newTarget_{0};
    std::string error_ = "not started";
    int failures_ = 0;
    Clock::time_point nextAttempt_{};
    // Counts of aligners from earlier connections, so the figures never go backwards.
    uint64_t pastUnderruns_ = 0;
    uint64_t pastCorrections_ = 0;
};

}  // namespace tutti::mixout
