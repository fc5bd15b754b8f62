#pragma once

// The jam recorder as the control thread sees it: whether it is initialised (a usable -R
// directory) and enabled, the state byte clients are sent (RECORDING.md section 1), the
// SIGUSR1/SIGUSR2 actions, the operator's commands (start, stop, a new base directory at run
// time) and the log lines. It owns the tap the mix thread writes to and the recorder thread that
// drains it. The server tells it of channels through the channel*() calls (wired in src/app).

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "src/engine/recorder_tap.h"
#include "src/net/peer_address.h"
#include "src/recorder/jam_recorder.h"

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

// What operators are shown (JSONRPC.md getRecorderStatus).
struct RecorderStatusInfo {
    bool initialised = false;
    bool enabled = false;       // initialised and switched on
    bool recording = false;     // a session folder is being written
    std::string errorMessage;   // last problem, cleared when the directory is set again
    std::string directory;      // the base directory as given, "" when not initialised
    std::string sessionFolder;  // "" when no session runs
};

class RecorderControl {
  public:
    using LogFn = std::function<void(const std::string&)>;
    using StateFn = std::function<void(uint8_t)>;  // tell every connected client
    // A tap created after the mix thread started (first usable directory set at run time).
    using TapFn = std::function<void(engine::RecorderTap*)>;
    using ChangeFn = std::function<void()>;  // anything in status() may have changed

    RecorderControl(RecordingConfig config, LogFn log);
    ~RecorderControl();

    // Checks the directory and logs the outcome; afterwards tap() is non-null when initialised.
    void initialise();
    engine::RecorderTap* tap() { return tap_.get(); }
    void start();  // the recorder thread; after the mix thread got the tap
    void stop();   // after the mix thread stopped: finishes the session

    void setStateListener(StateFn fn) { onState_ = std::move(fn); }
    void setTapListener(TapFn fn) { onTap_ = std::move(fn); }
    void setChangeListener(ChangeFn fn) { onChange_ = std::move(fn); }
    RecorderStatusInfo status() const;
    uint8_t state() const;
    bool initialised() const { return recorder_ != nullptr; }
    bool enabled() const { return enabled_; }

    void toggleEnabled();  // SIGUSR2
    void newSession();     // SIGUSR1
    void setEnabled(bool on);
    // Finishes the current recorder (its session included) and initialises one on `directory`;
    // "" leaves the recorder not initialised.
    void setDirectory(const std::string& directory);
    // Events of the recorder thread: log lines, switching off after a failure, drop counts.
    void poll();

    void channelOpened(int slot, uint32_t generation, const net::PeerAddress& address);
    void channelNamed(int slot, const std::string& name);
    void channelClosed(int slot, uint32_t generation);

  private:
    struct Present {
        uint32_t generation = 0;
        std::string ip;
        uint16_t port = 0;
        std::string name;
    };
    void logState();
    void changed();
    void startRecorder();

    // Everyone connected, so a recorder created at run time learns of them.
    std::map<int, Present> present_;
    TapFn onTap_;
    ChangeFn onChange_;
    std::string errorMessage_;
    std::string lastSessionFolder_;
    bool started_ = false;
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
