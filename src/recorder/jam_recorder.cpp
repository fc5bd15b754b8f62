#include "src/recorder/jam_recorder.h"

#include <utility>

#include "src/engine/thread_name.h"
#include "src/recorder/recording_names.h"

namespace tutti::recorder {

namespace {
// The ring holds seconds of audio, so a short nap between drains costs nothing and spares the
// mix thread from ever having to wake anybody.
constexpr auto kPollInterval = std::chrono::milliseconds(10);
const StreamOwner kMixOwner{"Mixdown", "server"};
}  // namespace

JamRecorder::JamRecorder(engine::RecorderTap& tap, std::string baseDir, int frameSamples)
    : tap_(tap), baseDir_(std::move(baseDir)), frameSamples_(frameSamples) {}

JamRecorder::~JamRecorder() {
    stop();
}

void JamRecorder::start() {
    lastCheckpoint_ = std::chrono::steady_clock::now();
    thread_ = std::thread([this] { run(); });
}

void JamRecorder::stop() {
    if (!thread_.joinable()) {
        return;
    }
    push(Command{Command::Kind::Stop, 0, 0, 0, {}});
    thread_.join();
}

void JamRecorder::push(Command c) {
    c.tick = tap_.completedTick();
    {
        std::lock_guard lock(mutex_);
        commands_.push_back(std::move(c));
    }
    wake_.notify_one();
}

void JamRecorder::clientJoined(int slot, uint32_t generation, const std::string& ip,
                               uint16_t port) {
    push(Command{Command::Kind::Join, 0, slot, generation, recordingAddress(ip, port)});
}

void JamRecorder::clientNamed(int slot, const std::string& name) {
    push(Command{Command::Kind::Name, 0, slot, 0, name});
}

void JamRecorder::clientLeft(int slot, uint32_t generation) {
    push(Command{Command::Kind::Leave, 0, slot, generation, {}});
}

void JamRecorder::setEnabled(bool on) {
    push(Command{on ? Command::Kind::Enable : Command::Kind::Disable, 0, 0, 0, {}});
}

void JamRecorder::newSession() {
    push(Command{Command::Kind::NewSession, 0, 0, 0, {}});
}

std::string JamRecorder::sessionFolder() const {
    std::lock_guard lock(mutex_);
    return sessionFolder_;
}

std::vector<RecorderEvent> JamRecorder::takeEvents() {
    std::lock_guard lock(mutex_);
    return std::exchange(events_, {});
}

void JamRecorder::run() {
    engine::nameCurrentThread("tutti-recorder");
    while (!stopping_) {
        takeCommands();
        pump();
        const auto now = std::chrono::steady_clock::now();
        if (now - lastCheckpoint_ >= kCheckpointInterval) {
            lastCheckpoint_ = now;
            if (session_ && !session_->checkpoint(notes_)) {
                fail(notes_.empty() ? std::string("write error") : notes_.back());
            }
        }
        flushNotes();
        if (!stopping_) {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kPollInterval, [this] { return !commands_.empty(); });
        }
    }
    finishSession();
    flushNotes();
}

bool JamRecorder::takeCommands() {
    std::lock_guard lock(mutex_);
    if (commands_.empty()) {
        return false;
    }
    for (Command& c : commands_) {
        pending_.push_back(std::move(c));
    }
    commands_.clear();
    return true;
}

void JamRecorder::pump() {
    auto& ring = tap_.ring();
    while (!stopping_) {
        const engine::RecordedFrame* f = ring.beginRead();
        // A command stamped with tick T comes after every frame of ticks up to T; all of those
        // were in the ring when it was given, so an empty ring means its turn has come.
        if (!pending_.empty() && (f == nullptr || f->tick > pending_.front().tick)) {
            const Command c = std::move(pending_.front());
            pending_.pop_front();
            apply(c);
            continue;
        }
        if (f == nullptr) {
            return;
        }
        if (!knows(*f) && takeCommands()) {
            continue;  // its join may have just been queued: place it first
        }
        record(*f);
        ring.commitRead();
    }
}

bool JamRecorder::knows(const engine::RecordedFrame& f) const {
    if (f.slot == engine::RecordedFrame::kMixSlot) {
        return true;
    }
    const auto it = clients_.find(f.slot);
    return it != clients_.end() && it->second.present && it->second.generation == f.generation;
}

bool JamRecorder::anyClientPresent() const {
    for (const auto& [slot, c] : clients_) {
        if (c.present) {
            return true;
        }
    }
    return false;
}

void JamRecorder::apply(const Command& c) {
    switch (c.kind) {
        case Command::Kind::Join:
            clients_[c.slot] = Client{true, c.generation, StreamOwner{{}, c.text}};
            break;
        case Command::Kind::Name: {
            Client& client = clients_[c.slot];
            client.owner.name = c.text;
            if (session_ && client.present) {
                session_->renameStream(c.slot, client.owner, notes_);
            }
            break;
        }
        case Command::Kind::Leave: {
            Client& client = clients_[c.slot];
            if (!client.present || client.generation != c.generation) {
                break;
            }
            if (session_) {
                session_->closeStream(c.slot, client.owner);
            }
            client.present = false;
            if (!anyClientPresent()) {
                finishSession();  // the server went idle
            }
            break;
        }
        case Command::Kind::Enable:
            enabled_ = true;
            break;
        case Command::Kind::Disable:
            enabled_ = false;
            finishSession();
            break;
        case Command::Kind::NewSession:
            if (enabled_ && session_) {
                finishSession();  // the next frame opens the new folder
            }
            break;
        case Command::Kind::Stop:
            stopping_ = true;
            break;
    }
}

void JamRecorder::record(const engine::RecordedFrame& f) {
    if (!enabled_) {
        return;  // still in flight from before recording was switched off
    }
    const StreamOwner* owner = &kMixOwner;
    if (f.slot != engine::RecordedFrame::kMixSlot) {
        if (!knows(f)) {
            return;  // the last frames of a client that has left
        }
        owner = &clients_.at(f.slot).owner;
    } else if (!anyClientPresent()) {
        return;
    }
    if (!session_) {
        std::string error;
        session_ = JamSession::create(baseDir_, std::chrono::system_clock::now(), f.tick,
                                      frameSamples_, error);
        if (!session_) {
            notes_.push_back("Could not start recording: \"" + error + "\"");
            fail(error);
            return;
        }
        lastCheckpoint_ = std::chrono::steady_clock::now();
        std::lock_guard lock(mutex_);
        sessionFolder_ = session_->folder();
    }
    if (!session_->write(f, *owner, notes_)) {
        fail(notes_.empty() ? std::string("write error") : notes_.back());
    }
}

void JamRecorder::finishSession() {
    if (!session_) {
        return;
    }
    std::map<int, StreamOwner> owners;
    owners[engine::RecordedFrame::kMixSlot] = kMixOwner;
    for (const auto& [slot, c] : clients_) {
        owners[slot] = c.owner;
    }
    session_->finish(owners, notes_);
    session_.reset();
    std::lock_guard lock(mutex_);
    sessionFolder_.clear();
}

void JamRecorder::fail(std::string reason) {
    enabled_ = false;
    tap_.setEnabled(false);
    finishSession();
    std::lock_guard lock(mutex_);
    for (std::string& n : notes_) {
        events_.push_back(RecorderEvent{RecorderEvent::Kind::Log, std::move(n)});
    }
    notes_.clear();
    events_.push_back(RecorderEvent{RecorderEvent::Kind::Failed, std::move(reason)});
}

void JamRecorder::flushNotes() {
    if (notes_.empty()) {
        return;
    }
    std::lock_guard lock(mutex_);
    for (std::string& n : notes_) {
        events_.push_back(RecorderEvent{RecorderEvent::Kind::Log, std::move(n)});
    }
    notes_.clear();
}

}  // namespace tutti::recorder
