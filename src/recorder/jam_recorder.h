#pragma once

// The recorder thread: drains the tap's ring into the current JamSession, follows the control
// thread's commands (clients joining, leaving, naming themselves; recording on/off; new
// session) and reports back what to log and whether recording had to stop.
//
// The mix thread only ever touches the lock-free ring. The control thread and this thread share
// a mutex-protected command queue and event list; neither is on the real-time path. Each command
// carries the tap's completed tick when it was given and takes effect after exactly the frames
// up to that tick, so a client's last frames are recorded even when the disk is behind and the
// ring holds seconds of audio.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "src/engine/recorder_tap.h"
#include "src/recorder/jam_session.h"

namespace tutti::recorder {

struct RecorderEvent {
    enum class Kind {
        Log,     // a line to print
        Failed,  // recording switched itself off; text says why (may be empty)
    };
    Kind kind = Kind::Log;
    std::string text;
};

class JamRecorder {
  public:
    // `baseDir` absolute; `frameSamples` samples per tick (128, 64 with -F).
    JamRecorder(engine::RecorderTap& tap, std::string baseDir, int frameSamples);
    ~JamRecorder();  // stop()
    void start();
    // Records what is still in the ring, finishes the session, joins the thread.
    void stop();

    // --- control thread
    void clientJoined(int slot, uint32_t generation, const std::string& ip, uint16_t port);
    void clientNamed(int slot, const std::string& name);
    void clientLeft(int slot, uint32_t generation);
    void setEnabled(bool on);
    void newSession();  // SIGUSR1: only when a session is running
    std::vector<RecorderEvent> takeEvents();
    // The folder of the session being written, "" when none (for status queries).
    std::string sessionFolder() const;

    // How often open files get their headers rewritten.
    static constexpr auto kCheckpointInterval = std::chrono::seconds(2);

  private:
    struct Command {
        enum class Kind { Join, Name, Leave, Enable, Disable, NewSession, Stop };
        Kind kind;
        uint64_t tick = 0;  // stamped by push()
        int slot = 0;
        uint32_t generation = 0;
        std::string text;  // Join: recording address; Name: the name
    };
    struct Client {
        bool present = false;
        uint32_t generation = 0;
        StreamOwner owner;
    };

    void push(Command c);
    void run();
    bool takeCommands();  // moves queued commands to pending_; false if there were none
    // Records what the ring holds, applying pending commands at their place between frames.
    void pump();
    void apply(const Command& c);
    bool knows(const engine::RecordedFrame& f) const;
    void record(const engine::RecordedFrame& f);
    void finishSession();
    void fail(std::string reason);
    void flushNotes();
    bool anyClientPresent() const;

    engine::RecorderTap& tap_;
    const std::string baseDir_;
    const int frameSamples_;
    std::thread thread_;

    mutable std::mutex mutex_;  // guards commands_, events_ and sessionFolder_
    std::condition_variable wake_;
    std::deque<Command> commands_;
    std::vector<RecorderEvent> events_;
    std::string sessionFolder_;

    // Recorder-thread state.
    bool enabled_ = false;
    bool stopping_ = false;
    std::deque<Command> pending_;
    std::map<int, Client> clients_;
    std::unique_ptr<JamSession> session_;
    std::vector<std::string> notes_;
    std::chrono::steady_clock::time_point lastCheckpoint_;
};

}  // namespace tutti::recorder
