#pragma once

// One recording session on disk: the Jam-... folder, one WAV per stream and connection, and at
// the end the .rpp and .lof that place every file on its track. Owned and used only by the
// recorder thread; it does blocking I/O.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audio/wav_writer.h"
#include "src/engine/recorder_tap.h"
#include "src/recorder/project_files.h"

namespace tutti::recorder {

// Who a stream belongs to, as the control thread last described it.
struct StreamOwner {
    std::string name;     // client's name, UTF-8 (the mix stream: a fixed label)
    std::string address;  // recordingAddress() form
};

class JamSession {
  public:
    // Creates <baseDir>/Jam-<now>; null with `error` set (Jamulus wording) when it cannot.
    static std::unique_ptr<JamSession> create(const std::string& baseDir,
                                              std::chrono::system_clock::time_point now,
                                              uint64_t firstTick, int frameSamples,
                                              std::string& error);
    ~JamSession();

    // Appends a frame to the slot's current file, starting a new file first when the stream is
    // new, its occupant changed or its channel count changed. Messages to log go to `notes`.
    // Returns false when writing failed (the disk is full or gone): recording must stop.
    bool write(const engine::RecordedFrame& frame, const StreamOwner& owner,
               std::vector<std::string>& notes);
    // The slot's occupant left: its file becomes an item.
    void closeStream(int slot, const StreamOwner& owner);
    // A client named itself: a file still carrying the placeholder name gets the real one.
    void renameStream(int slot, const StreamOwner& owner, std::vector<std::string>& notes);
    // Header sizes brought up to date (crash safety); false on a write failure.
    bool checkpoint(std::vector<std::string>& notes);
    // Closes every file (slot order) and writes the .rpp then the .lof.
    void finish(const std::map<int, StreamOwner>& owners, std::vector<std::string>& notes);

    const std::string& folder() const { return folder_; }
    const std::vector<RecordedItem>& items() const { return items_; }

  private:
    struct Stream {
        audio::WavWriter wav;
        uint32_t generation = 0;
        int channels = 0;
        uint64_t startFrame = 0;
        uint64_t nextTick = 0;
        std::string fileName;
        bool placeholderName = false;  // opened before the client told its name
        bool failed = false;           // could not be created: skipped until the stream changes
    };

    JamSession(std::string folder, uint64_t firstTick, int frameSamples);
    bool open(Stream& s, const engine::RecordedFrame& frame, const StreamOwner& owner,
              std::vector<std::string>& notes);
    void close(Stream& s, const StreamOwner& owner, bool discard);
    std::string uniqueFileName(const std::string& name, const std::string& address, uint64_t start,
                               int channels) const;
    void writeProjectFile(const std::string& path, const std::string& text, const char* label,
                          std::vector<std::string>& notes) const;

    std::string folder_;
    std::string folderName_;
    uint64_t firstTick_;
    int frameSamples_;
    std::map<int, Stream> streams_;  // by slot; the mix stream sorts first
    std::vector<RecordedItem> items_;
};

}  // namespace tutti::recorder
