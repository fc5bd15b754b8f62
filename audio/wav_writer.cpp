#include "audio/wav_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>

namespace tutti::audio {

namespace {

// A few hundred milliseconds of stereo per write() keeps system calls rare without holding
// much audio in memory that a crash would lose.
constexpr std::size_t kBufferBytes = 64 * 1024;
constexpr uint32_t kMaxRiffBytes = 0xFFFFFFFFu;

void put16(uint8_t* p, uint16_t v) {
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
}

void put32(uint8_t* p, uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        p[i] = static_cast<uint8_t>(v >> (8 * i));
    }
}

uint32_t get32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
           static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

uint16_t get16(const uint8_t* p) {
    return static_cast<uint16_t>(p[0] | p[1] << 8);
}

bool writeAll(int fd, const uint8_t* data, std::size_t n) {
    while (n > 0) {
        const ssize_t w = ::write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

bool pwriteAll(int fd, const uint8_t* data, std::size_t n, off_t at) {
    while (n > 0) {
        const ssize_t w = ::pwrite(fd, data, n, at);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += w;
        at += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

}  // namespace

uint32_t wavDataBytesForHeader(uint64_t dataBytes, int channels) {
    const uint64_t blockAlign = static_cast<uint64_t>(channels) * 2;
    const uint64_t limit = kMaxRiffBytes - (kWavHeaderBytes - 8);
    const uint64_t capped = dataBytes < limit ? dataBytes : limit;
    return static_cast<uint32_t>(capped - capped % blockAlign);
}

std::vector<uint8_t> wavHeader(int channels, uint32_t dataBytes) {
    std::vector<uint8_t> h(kWavHeaderBytes);
    std::memcpy(h.data(), "RIFF", 4);
    put32(h.data() + 4, dataBytes + static_cast<uint32_t>(kWavHeaderBytes - 8));
    std::memcpy(h.data() + 8, "WAVEfmt ", 8);
    put32(h.data() + 16, 16);
    put16(h.data() + 20, 1);  // PCM
    put16(h.data() + 22, static_cast<uint16_t>(channels));
    put32(h.data() + 24, kWavSampleRate);
    put32(h.data() + 28, static_cast<uint32_t>(kWavSampleRate * channels * 2));
    put16(h.data() + 32, static_cast<uint16_t>(channels * 2));
    put16(h.data() + 34, 16);
    std::memcpy(h.data() + 36, "data", 4);
    put32(h.data() + 40, dataBytes);
    return h;
}

WavWriter::~WavWriter() {
    close();
}

bool WavWriter::fail(int err) {
    if (error_ == 0) {
        error_ = err != 0 ? err : EIO;
    }
    return false;
}

bool WavWriter::open(const std::string& path, int channels) {
    close();
    error_ = 0;
    frames_ = 0;
    writtenBytes_ = 0;
    channels_ = channels;
    path_ = path;
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        return fail(errno);
    }
    buffer_.clear();
    buffer_.reserve(kBufferBytes);
    const std::vector<uint8_t> header = wavHeader(channels, 0);
    if (!writeAll(fd_, header.data(), header.size())) {
        return fail(errno);
    }
    return true;
}

bool WavWriter::write(const int16_t* interleaved, int frames) {
    if (fd_ < 0 || error_ != 0) {
        return false;
    }
    const std::size_t samples = static_cast<std::size_t>(frames) * channels_;
    const std::size_t at = buffer_.size();
    buffer_.resize(at + samples * 2);
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(buffer_.data() + at, interleaved, samples * 2);
    } else {
        for (std::size_t i = 0; i < samples; ++i) {
            put16(buffer_.data() + at + 2 * i, static_cast<uint16_t>(interleaved[i]));
        }
    }
    frames_ += static_cast<uint64_t>(frames);
    return buffer_.size() < kBufferBytes || flushBuffer();
}

bool WavWriter::writeSilence(int frames) {
    if (fd_ < 0 || error_ != 0) {
        return false;
    }
    buffer_.resize(buffer_.size() + static_cast<std::size_t>(frames) * channels_ * 2, 0);
    frames_ += static_cast<uint64_t>(frames);
    return buffer_.size() < kBufferBytes || flushBuffer();
}

bool WavWriter::flushBuffer() {
    if (buffer_.empty()) {
        return true;
    }
    if (!writeAll(fd_, buffer_.data(), buffer_.size())) {
        return fail(errno);
    }
    writtenBytes_ += buffer_.size();
    buffer_.clear();
    return true;
}

bool WavWriter::checkpoint(bool sync) {
    if (fd_ < 0 || error_ != 0) {
        return false;
    }
    if (!flushBuffer()) {
        return false;
    }
    // The samples reach the kernel before the header that counts them, so no reader ever sees
    // a header promising data that is not there.
    const std::vector<uint8_t> header =
        wavHeader(channels_, wavDataBytesForHeader(writtenBytes_, channels_));
    if (!pwriteAll(fd_, header.data() + 4, 4, 4) || !pwriteAll(fd_, header.data() + 40, 4, 40)) {
        return fail(errno);
    }
    if (sync && ::fdatasync(fd_) != 0) {
        return fail(errno);
    }
    return true;
}

bool WavWriter::close() {
    if (fd_ < 0) {
        return error_ == 0;
    }
    checkpoint(true);
    if (::close(fd_) != 0) {
        fail(errno);
    }
    fd_ = -1;
    buffer_.clear();
    buffer_.shrink_to_fit();
    return error_ == 0;
}

int64_t repairWavHeader(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    int64_t frames = -1;
    uint8_t h[kWavHeaderBytes];
    struct stat st {};
    if (::pread(fd, h, sizeof(h), 0) == static_cast<ssize_t>(sizeof(h)) && fstat(fd, &st) == 0 &&
        std::memcmp(h, "RIFF", 4) == 0 && std::memcmp(h + 8, "WAVEfmt ", 8) == 0 &&
        get32(h + 16) == 16 && get16(h + 20) == 1 && get16(h + 34) == 16 &&
        std::memcmp(h + 36, "data", 4) == 0) {
        const int channels = get16(h + 22);
        if (channels == 1 || channels == 2) {
            const uint64_t data = static_cast<uint64_t>(st.st_size) - kWavHeaderBytes;
            const uint32_t bytes = wavDataBytesForHeader(data, channels);
            const std::vector<uint8_t> fixed = wavHeader(channels, bytes);
            if (pwriteAll(fd, fixed.data(), fixed.size(), 0) && ::fsync(fd) == 0) {
                frames = bytes / (channels * 2);
            }
        }
    }
    ::close(fd);
    return frames;
}

}  // namespace tutti::audio
