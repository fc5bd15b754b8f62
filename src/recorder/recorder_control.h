#pragma once

// The jam recorder as the control thread sees it: whether it is initialised (a usable -R
// directory) and enabled, the state byte clients are sent (RECORDING.md section 1), the
// SIGUSR1/SIGUSR2 actions, and the log lines. It owns the tap the mix thread writes to and the
// recorder thread that drains it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "src/engine/recorder_tap.h"
#include "src/recorder/jam_recorder.h"
#include "src/server/channel_listener.h"

namespace tutti::recorder {

struct RecordingConfig {
    std::string directory;   // empty: no recorder
    bool enabled = true;     // false with --norecord
    bool recordMix = false;  // --recordmix
    int maxChannels = 10;
    int frameSamples = 128;
};

// RECORDER_STATE values (PROTOCOL.md).
inline constexpr uint8_t kRecorderNotInitialised = 1;
inline constexpr uint8_t kRecorderNotEnabled = 2;
inline constexpr uint8_t kRecorderRecording = 3;

class RecorderControl : public server::ChannelListener {
  public:
    using LogFn = std::function<void(const std::string&)>;
    using StateFn = std::function<void(uint8_t)>;  // tell every connected client

    RecorderControl(RecordingConfig config, LogFn log);
    ~RecorderControl() override;

    // Checks the directory and logs the outcome; afterwards tap() is non-null when initialised.
    void initialise();
    engine::RecorderTap* tap() { return tap_.get(); }
    void start();  // the recorder thread; after the mix thread got the tap
    void stop();   // after the mix thread stopped: finishes the session

    void setStateListener(StateFn fn) { onState_ = std::move(fn); }
    uint8_t state() const;
    bool initialised() const { return recorder_ != nullptr; }
    bool enabled() const { return enabled_; }

    void toggleEnabled();  // SIGUSR2
    void newSession();     // SIGUSR1
    // Events of the recorder thread: log lines, switching off after a failure, drop counts.
    void poll();

    void channelOpened(int slot, uint32_t generation, const net::PeerAddress& address) override;
    void channelNamed(int slot, const std::string& name) override;
    void channelClosed(int slot, uint32_t generation) override;

  private:
    void setEnabled(bool on);
    void logState();

    RecordingConfig config_;
    LogFn log_;
    StateFn onState_;
    bool enabled_;
    std::unique_ptr<engine::RecorderTap> tap_;
    std::unique_ptr<JamRecorder> recorder_;
    uint64_t droppedLogged_ = 0;
    std::chrono::steady_clock::time_point lastDropLog_{};
};

}  // namespace tutti::recorder
