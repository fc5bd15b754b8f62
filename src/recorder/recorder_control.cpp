#include "src/recorder/recorder_control.h"

#include <algorithm>
#include <bit>

#include "src/recorder/recording_dir.h"

namespace tutti::recorder {

namespace {
// Two seconds of every stream (and the mix) fit in the ring: the disk may stall that long
// before audio is dropped. Capped so 150 channels stay within ~35 MB.
std::size_t ringCapacity(int maxChannels, int frameSamples) {
    const std::size_t ticksPerSecond = static_cast<std::size_t>(48000 / frameSamples);
    const std::size_t want = static_cast<std::size_t>(maxChannels + 1) * ticksPerSecond * 2;
    return std::clamp<std::size_t>(std::bit_ceil(want), 1024, 65536);
}
}  // namespace

RecorderControl::RecorderControl(RecordingConfig config, LogFn log)
    : config_(std::move(config)), log_(std::move(log)), enabled_(config_.enabled) {}

RecorderControl::~RecorderControl() {
    stop();
}

void RecorderControl::initialise() {
    if (config_.directory.empty()) {
        log_("Recording state not initialised");
        return;
    }
    const std::string abs = absolutePath(config_.directory);
    if (const std::string error = prepareDirectory(abs, DirRole::Base); !error.empty()) {
        errorMessage_ = error;
        log_(error);
        log_("Recording state not initialised");
        return;
    }
    if (!tap_) {
        // Created once and kept: the mix thread may hold it for as long as it runs.
        tap_ = std::make_unique<engine::RecorderTap>(
            ringCapacity(config_.maxChannels, config_.frameSamples), config_.recordMix);
        if (onTap_) {
            onTap_(tap_.get());
        }
    }
    recorder_ = std::make_unique<JamRecorder>(*tap_, abs, config_.frameSamples);
    logState();
}

void RecorderControl::start() {
    started_ = true;
    startRecorder();
}

void RecorderControl::startRecorder() {
    if (recorder_) {
        recorder_->setEnabled(enabled_);
        for (const auto& [slot, p] : present_) {
            recorder_->clientJoined(slot, p.generation, p.ip, p.port);
            if (!p.name.empty()) {
                recorder_->clientNamed(slot, p.name);
            }
        }
        recorder_->start();
        tap_->setEnabled(enabled_);
    }
}

void RecorderControl::stop() {
    if (recorder_) {
        tap_->setEnabled(false);
        recorder_->stop();
        poll();
    }
    started_ = false;
}

void RecorderControl::setDirectory(const std::string& directory) {
    if (recorder_) {
        tap_->setEnabled(false);
        recorder_->stop();  // finishes the session: WAV headers, .rpp, .lof
        poll();
        recorder_.reset();
    }
    errorMessage_.clear();
    config_.directory = directory;
    initialise();
    if (started_) {
        startRecorder();
    }
    // Jamulus leaves clients' recording marks stale here; we tell them the new state.
    if (onState_) {
        onState_(state());
    }
    changed();
}

RecorderStatusInfo RecorderControl::status() const {
    RecorderStatusInfo s;
    s.initialised = recorder_ != nullptr;
    s.enabled = s.initialised && enabled_;
    s.errorMessage = errorMessage_;
    if (recorder_) {
        s.directory = config_.directory;
        s.sessionFolder = recorder_->sessionFolder();
        s.recording = !s.sessionFolder.empty();
    }
    return s;
}

void RecorderControl::changed() {
    if (onChange_) {
        onChange_();
    }
}

uint8_t RecorderControl::state() const {
    if (!recorder_) {
        return kRecorderNotInitialised;
    }
    return enabled_ ? kRecorderRecording : kRecorderNotEnabled;
}

void RecorderControl::logState() {
    log_(enabled_ ? "Recording state: enabled" : "Recording state: disabled");
}

void RecorderControl::setEnabled(bool on) {
    const bool flipped = on != enabled_;
    enabled_ = on;
    if (recorder_) {
        // The recorder learns first, so frames the tap lets through find it ready for them.
        recorder_->setEnabled(on);
        tap_->setEnabled(on);
        if (flipped) {
            logState();
        }
    }
    if (onState_) {
        onState_(state());
    }
    if (flipped) {
        changed();
    }
}

void RecorderControl::toggleEnabled() {
    // Without a recorder "enabled" reads as off, so SIGUSR2 always means "enable" (Jamulus).
    setEnabled(recorder_ ? !enabled_ : true);
}

void RecorderControl::newSession() {
    if (recorder_ && enabled_) {
        recorder_->newSession();
    }
}

void RecorderControl::poll() {
    if (!recorder_) {
        return;
    }
    bool failed = false;
    for (RecorderEvent& e : recorder_->takeEvents()) {
        if (e.kind == RecorderEvent::Kind::Failed) {
            failed = true;
            if (!e.text.empty()) {
                errorMessage_ = e.text;
            }
        } else {
            log_(e.text);
        }
    }
    if (failed && enabled_) {
        setEnabled(false);
    }
    // At most one line per 5 s however long the disk stays slow.
    const uint64_t dropped = tap_->droppedFrames();
    const auto now = std::chrono::steady_clock::now();
    if (dropped != droppedLogged_ && now - lastDropLog_ >= std::chrono::seconds(5)) {
        lastDropLog_ = now;
        log_("Recorder: the disk is too slow, " + std::to_string(dropped - droppedLogged_) +
             " frames dropped (replaced by silence)");
        droppedLogged_ = dropped;
    }
    if (std::string folder = recorder_->sessionFolder(); folder != lastSessionFolder_) {
        lastSessionFolder_ = std::move(folder);
        changed();
    }
}

void RecorderControl::channelOpened(int slot, uint32_t generation,
                                    const net::PeerAddress& address) {
    present_[slot] = Present{generation, address.ipText(), address.port(), {}};
    if (recorder_) {
        recorder_->clientJoined(slot, generation, address.ipText(), address.port());
    }
}

void RecorderControl::channelNamed(int slot, const std::string& name) {
    if (auto it = present_.find(slot); it != present_.end()) {
        it->second.name = name;
    }
    if (recorder_) {
        recorder_->clientNamed(slot, name);
    }
}

void RecorderControl::channelClosed(int slot, uint32_t generation) {
    if (auto it = present_.find(slot);
        it != present_.end() && it->second.generation == generation) {
        present_.erase(it);
    }
    if (recorder_) {
        recorder_->clientLeft(slot, generation);
    }
}

}  // namespace tutti::recorder
