#include "src/mixout/mix_out.h"

#include "src/mixout/mixout_module_loader.h"

namespace tutti::mixout {

namespace {
// 8192 frames (170 ms) is room for a 2048-frame JACK period, the target and a slow device.
constexpr std::size_t kRingFrames = 8192;

const char* backendKey(MixOutConfig::Backend b) {
    return b == MixOutConfig::Backend::Jack ? "jack" : "alsa";
}

// The back end lives in a module loaded at start-up (parseMixOutSpec already loaded it).
std::unique_ptr<MixOutDevice> makeDevice(const MixOutConfig& c, MixOutTap& tap, int tick,
                                         InputRing* input, std::string& error) {
    const TuttiMixOutModule* module = loadMixOutModule(c.backend, error);
    if (module == nullptr) {
        return nullptr;
    }
    const MixOutDeviceArgs args{&tap, &c.name, tick, input, &c.inputName};
    std::unique_ptr<MixOutDevice> device(module->create(&args, &error));
    if (!device && error.empty()) {
        error = "the mix out module could not create its device";
    }
    return device;
}
}  // namespace

MixOut::MixOut(const MixOutConfig& config, int tickSamples, LogFn log)
    : config_(config),
      log_(std::move(log)),
      // Per-channel columns only where there are ports for them (JACK).
      tap_(kRingFrames, config.perChannel && config.backend == MixOutConfig::Backend::Jack
                            ? config.maxChannels
                            : 0),
      input_(config.backend == MixOutConfig::Backend::Jack && !config.inputName.empty()
                 ? std::make_unique<InputRing>(tickSamples)
                 : nullptr),
      device_(makeDevice(config, tap_, tickSamples, input_.get(), setupError_)) {}

MixOut::~MixOut() {
    stop();
}

void MixOut::stop() {
    if (device_) {
        device_->stop();
    }
}

void MixOut::poll() {
    if (!device_) {
        if (!setupError_.empty() && lastError_ != setupError_) {
            log_("Mix out: " + setupError_);
            lastError_ = setupError_;
        }
        return;
    }
    device_->poll(MixOutDevice::Clock::now());
    const bool running = device_->running();
    const std::string error = device_->error();
    const std::string what = config_.backend == MixOutConfig::Backend::Jack
                                 ? "JACK client '" + config_.name + "'"
                                 : "ALSA device '" + config_.name + "'";
    if (running && !wasRunning_) {
        log_("Mix out: playing the session mix to " + what);
    } else if (!running && !error.empty() && error != lastError_) {
        log_("Mix out: " + what + " not playing: " + error);
    }
    wasRunning_ = running;
    lastError_ = running ? std::string() : error;
}

MixOutState MixOut::state() const {
    MixOutState s;
    s.backend = backendKey(config_.backend);
    s.device = config_.name;
    s.overruns = tap_.overruns();
    if (device_) {
        s.running = device_->running();
        s.error = device_->error();
        s.underruns = device_->underruns();
        s.corrections = device_->corrections();
    } else {
        s.error = setupError_;
    }
    if (input_) {
        s.input = true;
        s.inputOverruns = input_->overruns();
        s.inputUnderruns = input_->underruns();
        s.inputCorrections = input_->corrections();
    }
    return s;
}

}  // namespace tutti::mixout
