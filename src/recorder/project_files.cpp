#include "src/recorder/project_files.h"

#include <cstdio>
#include <map>
#include <random>

#include "src/recorder/recording_names.h"

namespace tutti::recorder {

std::vector<std::vector<RecordedItem>> groupByTrack(const std::vector<RecordedItem>& items) {
    std::map<std::string, std::vector<RecordedItem>> byTrack;  // std::string orders by bytes
    for (const RecordedItem& item : items) {
        byTrack[item.track].push_back(item);
    }
    std::vector<std::vector<RecordedItem>> tracks;
    for (auto& [name, list] : byTrack) {
        tracks.push_back(std::move(list));
    }
    return tracks;
}

std::string lofText(const std::vector<RecordedItem>& items, int frameSamples) {
    std::string out;
    for (const auto& track : groupByTrack(items)) {
        for (const RecordedItem& item : track) {
            out += "file \"" + item.fileName + "\" offset " +
                   frameSeconds(item.startFrame, frameSamples) + "\n";
        }
    }
    return out;
}

std::string rppText(const std::vector<RecordedItem>& items, int frameSamples,
                    const std::function<std::string()>& newGuid) {
    std::string out =
        "<REAPER_PROJECT 0.1 \"5.0\" 1551567848\n"
        "  RECORD_PATH \"\" \"\"\n"
        "  SAMPLERATE 48000 0 0\n"
        "  TEMPO 120 4 4\n";
    int iid = 0;
    for (const auto& track : groupByTrack(items)) {
        const std::string trackGuid = newGuid();
        out += "  <TRACK " + trackGuid + "\n";
        out += "    NAME " + track.front().track + "\n";
        out += "    TRACKID " + trackGuid + "\n";
        int k = 0;
        for (const RecordedItem& item : track) {
            out += "    <ITEM \n";  // REAPER files written by Jamulus carry this trailing space
            out += "      FADEIN 0 0 0 0 0 0\n";
            out += "      FADEOUT 0 0 0 0 0 0\n";
            out += "      POSITION " + frameSeconds(item.startFrame, frameSamples) + "\n";
            out += "      LENGTH " + frameSeconds(item.frames, frameSamples) + "\n";
            out += "      IGUID " + newGuid() + "\n";
            out += "      IID " + std::to_string(iid++) + "\n";
            out += "      NAME " + item.track + " (" + std::to_string(++k) + ")\n";
            out += "      GUID " + newGuid() + "\n";
            out += "      <SOURCE WAVE\n";
            out += "        FILE \"" + item.filePath + "\"\n";
            out += "      >\n";
            out += "    >\n";
        }
        out += "  >\n";
    }
    out += ">\n";
    return out;
}

std::string randomGuid() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    uint8_t b[16];
    for (int i = 0; i < 16; i += 8) {
        const uint64_t r = rng();
        for (int j = 0; j < 8; ++j) {
            b[i + j] = static_cast<uint8_t>(r >> (8 * j));
        }
    }
    b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof(buf),
                  "{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x}", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return buf;
}

}  // namespace tutti::recorder
