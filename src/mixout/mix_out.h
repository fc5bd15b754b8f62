#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "src/engine/mix_out_sink.h"
#include "src/mixout/input_ring.h"
#include "src/mixout/mixout_config.h"
#include "src/mixout/mixout_device.h"
#include "src/mixout/mixout_tap.h"

namespace tutti::mixout {

struct MixOutState {
    bool running = false;
    std::string backend;  // "jack" / "alsa"
    std::string device;   // client name / ALSA device
    std::string error;
    uint64_t overruns = 0;
    uint64_t underruns = 0;
    uint64_t corrections = 0;
    bool input = false;  // --mixoutinput: the JACK input's own counters follow
    uint64_t inputOverruns = 0;
    uint64_t inputUnderruns = 0;
    uint64_t inputCorrections = 0;
};

// Live mix out as the control thread sees it: the tap the mix thread writes into, the device
// that plays it, and the log lines when the device comes and goes.
class MixOut {
  public:
    using LogFn = std::function<void(const std::string&)>;

    MixOut(const MixOutConfig& config, int tickSamples, LogFn log);
    ~MixOut();

    engine::MixOutSink* sink() { return &tap_; }
    // The JACK input's audio for every mix (--mixoutinput), else nullptr.
    engine::ExternalInput* externalInput() { return input_.get(); }
    // Control thread, a few times a second: reconnects and reports changes.
    void poll();
    void setChannelNames(const std::vector<std::pair<int, std::string>>& names) {
        if (device_) {
            device_->setChannelNames(names);
        }
    }
    void stop();
    MixOutState state() const;

  private:
    MixOutConfig config_;
    LogFn log_;
    MixOutTap tap_;
    std::unique_ptr<InputRing> input_;  // before device_, which feeds it
    std::string setupError_;  // why there is no device (module not loaded); before device_
    std::unique_ptr<MixOutDevice> device_;
    bool wasRunning_ = false;
    std::string lastError_;
};

}  // namespace tutti::mixout
