#include "src/recorder/jam_session.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "src/recorder/recording_dir.h"
#include "src/recorder/recording_names.h"

namespace tutti::recorder {

namespace {

// A file replaced within the same connection after fewer ticks than this (a client switching
// mono/stereo while connecting) is a stub no one wants on a track: it is deleted.
constexpr uint64_t kStubTicks = 64;
// Missing ticks (frames the recorder dropped) are filled with silence so the rest of the file
// keeps its place; a longer hole than this starts a new file instead.
constexpr uint64_t kMaxPadTicks = 48000 * 30 / 128;

std::string errnoText(int err) {
    return std::strerror(err);
}

bool fileExists(const std::string& path) {
    return ::access(path.c_str(), F_OK) == 0;
}

}  // namespace

std::unique_ptr<JamSession> JamSession::create(const std::string& baseDir,
                                               std::chrono::system_clock::time_point now,
                                               uint64_t firstTick, int frameSamples,
                                               std::string& error) {
    const std::string folder = baseDir + "/" + sessionFolderName(now);
    error = prepareDirectory(folder, DirRole::Session);
    if (!error.empty()) {
        return nullptr;
    }
    return std::unique_ptr<JamSession>(new JamSession(folder, firstTick, frameSamples));
}

JamSession::JamSession(std::string folder, uint64_t firstTick, int frameSamples)
    : folder_(std::move(folder)), firstTick_(firstTick), frameSamples_(frameSamples) {
    folderName_ = folder_.substr(folder_.rfind('/') + 1);
}

JamSession::~JamSession() = default;

std::string JamSession::uniqueFileName(const std::string& name, const std::string& address,
                                       uint64_t start, int channels) const {
    for (int k = 0;; ++k) {
        std::string file = wavFileName(name, address, start, channels, k);
        if (!fileExists(folder_ + "/" + file)) {
            return file;
        }
    }
}

bool JamSession::open(Stream& s, const engine::RecordedFrame& frame, const StreamOwner& owner,
                      std::vector<std::string>& notes) {
    s.generation = frame.generation;
    s.channels = frame.channels;
    s.startFrame = frame.tick - firstTick_;
    s.nextTick = frame.tick;
    s.placeholderName = owner.name.empty();
    s.fileName = uniqueFileName(recordingName(owner.name), owner.address, s.startFrame, s.channels);
    s.failed = !s.wav.open(folder_ + "/" + s.fileName, s.channels);
    if (s.failed) {
        // Jamulus aborts here; one missing track is better than losing the whole session.
        notes.push_back("Recorder: cannot create " + folder_ + "/" + s.fileName + " (" +
                        errnoText(s.wav.error()) + "), this track is not recorded");
    }
    return !s.failed;
}

void JamSession::close(Stream& s, const StreamOwner& owner, bool discard) {
    if (!s.wav.isOpen()) {
        return;
    }
    const std::string path = s.wav.path();
    const uint64_t ticks = s.wav.frames() / static_cast<uint64_t>(frameSamples_);
    s.wav.close();
    if (discard) {
        ::unlink(path.c_str());
        return;
    }
    items_.push_back(RecordedItem{trackName(recordingName(owner.name), owner.address), s.fileName,
                                  path, s.startFrame, ticks, s.channels});
}

bool JamSession::write(const engine::RecordedFrame& frame, const StreamOwner& owner,
                       std::vector<std::string>& notes) {
    Stream& s = streams_[frame.slot];
    const bool sameOccupant = s.generation == frame.generation && (s.wav.isOpen() || s.failed);
    if (!sameOccupant || s.channels != frame.channels) {
        const bool stub = sameOccupant && s.wav.frames() < kStubTicks * frame.frames;
        close(s, owner, stub);
        if (!open(s, frame, owner, notes)) {
            return true;  // this track is skipped; the others carry on
        }
    }
    if (s.failed || frame.tick < s.nextTick) {
        return true;
    }
    if (frame.tick > s.nextTick) {
        const uint64_t gap = frame.tick - s.nextTick;
        if (gap > kMaxPadTicks) {
            close(s, owner, false);
            if (!open(s, frame, owner, notes)) {
                return true;
            }
        } else {
            s.wav.writeSilence(static_cast<int>(gap * frame.frames));
        }
    }
    s.nextTick = frame.tick + 1;
    if (!s.wav.write(frame.pcm.data(), frame.frames)) {
        notes.push_back("Recorder: writing " + s.wav.path() + " failed (" +
                        errnoText(s.wav.error()) + ")");
        return false;
    }
    return true;
}

void JamSession::closeStream(int slot, const StreamOwner& owner) {
    auto it = streams_.find(slot);
    if (it == streams_.end()) {
        return;
    }
    close(it->second, owner, false);
    streams_.erase(it);
}

void JamSession::renameStream(int slot, const StreamOwner& owner, std::vector<std::string>& notes) {
    auto it = streams_.find(slot);
    if (it == streams_.end() || !it->second.wav.isOpen() || !it->second.placeholderName ||
        owner.name.empty()) {
        return;
    }
    // Jamulus names a file after whatever name the client had at its first frame, which is
    // almost always none yet ("____"). The name arrives milliseconds later; we take it then.
    Stream& s = it->second;
    const std::string file =
        uniqueFileName(recordingName(owner.name), owner.address, s.startFrame, s.channels);
    const std::string from = folder_ + "/" + s.fileName;
    const std::string to = folder_ + "/" + file;
    if (::rename(from.c_str(), to.c_str()) != 0) {
        notes.push_back("Recorder: cannot rename " + from + " (" + errnoText(errno) + ")");
        s.placeholderName = false;
        return;
    }
    s.wav.setPath(to);
    s.fileName = file;
    s.placeholderName = false;
}

bool JamSession::checkpoint(std::vector<std::string>& notes) {
    for (auto& [slot, s] : streams_) {
        if (s.wav.isOpen() && !s.wav.checkpoint(true)) {
            notes.push_back("Recorder: writing " + s.wav.path() + " failed (" +
                            errnoText(s.wav.error()) + ")");
            return false;
        }
    }
    return true;
}

void JamSession::writeProjectFile(const std::string& path, const std::string& text,
                                  const char* label, std::vector<std::string>& notes) const {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        notes.push_back(std::string("Recorder: cannot write ") + path + " (" + errnoText(errno) +
                        ")");
        return;
    }
    const ssize_t n = ::write(fd, text.data(), text.size());
    const bool ok = n == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) {
        notes.push_back(std::string("Recorder: writing ") + path + " failed (" + errnoText(err) +
                        ")");
        return;
    }
    notes.push_back(std::string("Session ") + label + ": \"" + path + "\"");
}

void JamSession::finish(const std::map<int, StreamOwner>& owners, std::vector<std::string>& notes) {
    for (auto& [slot, s] : streams_) {
        const auto owner = owners.find(slot);
        close(s, owner != owners.end() ? owner->second : StreamOwner{}, false);
    }
    streams_.clear();
    const std::string base = folder_ + "/" + folderName_;
    writeProjectFile(base + ".rpp", rppText(items_, frameSamples_, randomGuid), "RPP", notes);
    writeProjectFile(base + ".lof", lofText(items_, frameSamples_), "LOF", notes);
}

}  // namespace tutti::recorder
