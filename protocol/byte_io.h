#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tutti::protocol {

// Little-endian reader over a payload. A read past the end yields zeros and makes the reader
// fail for good, so a decoder can read a whole layout and check ok() once at the end instead of
// after every field.
class ByteReader {
  public:
    explicit ByteReader(std::span<const std::uint8_t> data) : data_(data) {}

    std::uint8_t u8() { return static_cast<std::uint8_t>(readLe(1)); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(readLe(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(readLe(4)); }

    // Raw bytes as a string (no UTF-8 validation: Jamulus does not reject invalid UTF-8).
    std::string bytesAsString(std::size_t count) {
        if (!take(count)) {
            return {};
        }
        const auto* first = reinterpret_cast<const char*>(data_.data() + pos_ - count);
        return std::string(first, count);
    }

    std::span<const std::uint8_t> bytes(std::size_t count) {
        if (!take(count)) {
            return {};
        }
        return data_.subspan(pos_ - count, count);
    }

    // Strings with a u16 (almost everywhere) or u8 (reduced server list) byte count.
    std::string string16() { return bytesAsString(u16()); }
    std::string string8() { return bytesAsString(u8()); }

    std::span<const std::uint8_t> rest() { return bytes(remaining()); }

    // Lets a decoder reject a field whose bytes were readable but whose value is not allowed.
    void fail() { ok_ = false; }

    bool ok() const { return ok_; }
    std::size_t remaining() const { return ok_ ? data_.size() - pos_ : 0; }
    // The usual acceptance test: everything read, nothing missing and nothing left over.
    bool atEnd() const { return ok_ && pos_ == data_.size(); }

  private:
    bool take(std::size_t count) {
        if (!ok_ || count > data_.size() - pos_) {
            ok_ = false;
            return false;
        }
        pos_ += count;
        return true;
    }

    std::uint32_t readLe(std::size_t width) {
        if (!take(width)) {
            return 0;
        }
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            value |= static_cast<std::uint32_t>(data_[pos_ - width + i]) << (8 * i);
        }
        return value;
    }

    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

// Little-endian appender for building payloads.
class ByteWriter {
  public:
    explicit ByteWriter(std::vector<std::uint8_t>& out) : out_(out) {}

    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) {
        out_.push_back(static_cast<std::uint8_t>(v));
        out_.push_back(static_cast<std::uint8_t>(v >> 8));
    }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
        }
    }
    void bytes(std::span<const std::uint8_t> data) { append(data.data(), data.size()); }

    // The count field cannot express more, so longer strings are cut to what it can carry;
    // every limit in the protocol is far below that.
    void string16(const std::string& s) { stringWithCount(s, 2, 0xFFFF); }
    void string8(const std::string& s) { stringWithCount(s, 1, 0xFF); }

  private:
    void stringWithCount(const std::string& s, int countBytes, std::size_t maxBytes) {
        const std::size_t n = s.size() < maxBytes ? s.size() : maxBytes;
        if (countBytes == 1) {
            u8(static_cast<std::uint8_t>(n));
        } else {
            u16(static_cast<std::uint16_t>(n));
        }
        append(reinterpret_cast<const std::uint8_t*>(s.data()), n);
    }

    // resize + copy rather than vector::insert: GCC 12 reports a false -Warray-bounds for
    // inserting a range into a small vector.
    void append(const std::uint8_t* first, std::size_t n) {
        if (n == 0) {
            return;
        }
        const std::size_t at = out_.size();
        out_.resize(at + n);
        std::copy_n(first, n, out_.begin() + static_cast<std::ptrdiff_t>(at));
    }

    std::vector<std::uint8_t>& out_;
};

}  // namespace tutti::protocol
