#pragma once

// The Audacity .lof and REAPER .rpp texts that list a session's WAV files at their offsets
// (RECORDING.md sections 7 to 9). Pure functions of the finished items, so they are tested
// against exact text.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tutti::recorder {

// One closed WAV file of a session.
struct RecordedItem {
    std::string track;     // "<NAME>-<ADDR>", the name current when the file was closed
    std::string fileName;  // bare file name inside the session folder
    std::string filePath;  // absolute path, as REAPER needs it
    uint64_t startFrame = 0;
    uint64_t frames = 0;
    int channels = 1;
};

// Items grouped by track (tracks in byte order of their names), items of a track in the order
// they were closed. `items` is in closing order.
std::vector<std::vector<RecordedItem>> groupByTrack(const std::vector<RecordedItem>& items);

std::string lofText(const std::vector<RecordedItem>& items, int frameSamples);

// newGuid returns "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}"; injected so tests get fixed text.
std::string rppText(const std::vector<RecordedItem>& items, int frameSamples,
                    const std::function<std::string()>& newGuid);

// A random version-4 UUID in braces, lower-case hex.
std::string randomGuid();

}  // namespace tutti::recorder
