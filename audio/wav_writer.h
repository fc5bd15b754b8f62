#pragma once

// A 16-bit PCM WAV file that stays playable if the process dies.
//
// Jamulus writes placeholder sizes while recording and patches them only when a file is closed,
// so a crash leaves files whose headers lie. Here the header is rewritten with the true sizes on
// every checkpoint(), after the samples it counts have been handed to the kernel; a reader of the
// file at any moment sees a valid header that covers at most the data that is really there
// (page cache survives kill -9; fdatasync in checkpoint() covers power loss).
//
// Samples are buffered in user space and written in large blocks. Errors are sticky: after the
// first failed write every call returns false and error() tells why (errno), so the caller can
// stop recording once instead of on every frame.

#include <cstdint>
#include <string>
#include <vector>

namespace tutti::audio {

inline constexpr int kWavSampleRate = 48000;
inline constexpr std::size_t kWavHeaderBytes = 44;

// The canonical 44-byte header for `dataBytes` of 16-bit PCM at 48 kHz.
std::vector<uint8_t> wavHeader(int channels, uint32_t dataBytes);

// Sizes a header can state: the largest whole number of frames that fits the 32-bit RIFF size.
uint32_t wavDataBytesForHeader(uint64_t dataBytes, int channels);

class WavWriter {
  public:
    WavWriter() = default;
    ~WavWriter();  // closes like close()
    WavWriter(const WavWriter&) = delete;
    WavWriter& operator=(const WavWriter&) = delete;

    // Creates (never overwrites) `path`; false with error() set when that fails.
    bool open(const std::string& path, int channels);
    bool isOpen() const { return fd_ >= 0; }

    // frames x channels interleaved samples.
    bool write(const int16_t* interleaved, int frames);
    // Appends silence, e.g. for frames the recorder had to drop, so later audio keeps its place.
    bool writeSilence(int frames);
    // Writes buffered samples, then the header with the sizes of everything written so far.
    // With sync, also waits until both are on the disk.
    bool checkpoint(bool sync);
    // Final checkpoint (with sync) and close. Safe to call twice.
    bool close();

    uint64_t frames() const { return frames_; }
    int channels() const { return channels_; }
    int error() const { return error_; }  // errno of the first failure, 0 if none
    const std::string& path() const { return path_; }
    // After the caller renamed the open file on disk.
    void setPath(std::string path) { path_ = std::move(path); }

  private:
    bool flushBuffer();
    bool fail(int err);

    int fd_ = -1;
    int channels_ = 1;
    uint64_t frames_ = 0;
    uint64_t writtenBytes_ = 0;  // sample bytes handed to the kernel
    int error_ = 0;
    std::string path_;
    std::vector<uint8_t> buffer_;
};

// After a crash or power loss, sets the header sizes of a WAV file to the whole frames really in
// it (a file may be shorter than its last checkpoint said, or longer). Returns the number of
// frames, or -1 when the file is not a 16-bit PCM WAV this writer could have made.
int64_t repairWavHeader(const std::string& path);

}  // namespace tutti::audio
