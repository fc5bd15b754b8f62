#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "protocol/byte_io.h"

// A message's wire layout is written once, as a generic function `(auto& io, auto& m)` that
// names its fields in order; FieldWriter and FieldReader visit it with the same vocabulary, so
// encode and decode cannot drift apart. The writer sees the message as const; the reader fills
// it in, and its by-reference parameters refuse a field of the wrong width at compile time.
namespace tutti::protocol {

class FieldWriter {
  public:
    explicit FieldWriter(std::vector<std::uint8_t>& out) : w_(out) {}

    void u8(std::uint8_t v) { w_.u8(v); }
    void u16(std::uint16_t v) { w_.u16(v); }
    void u32(std::uint32_t v) { w_.u32(v); }
    // The receive limit (UTF-16 code units) only binds the reader.
    void string16(const std::string& s, std::size_t /*maxUnits*/) { w_.string16(s); }
    void string8(const std::string& s, std::size_t /*maxUnits*/) { w_.string8(s); }
    // A field that once carried something: always sent as zero, ignored when read.
    void unusedU32() { w_.u32(0); }
    // Everything after the fields before it.
    void rest(const std::vector<std::uint8_t>& data) { w_.bytes(data); }
    // Items laid out back to back until the payload ends.
    template <typename T, typename Layout>
    void untilEnd(const std::vector<T>& items, Layout layout) {
        for (const T& item : items) {
            layout(*this, item);
        }
    }
    // Validation is the receiver's business; what we send is sent as given.
    void require(bool /*valid*/) {}

  private:
    ByteWriter w_;
};

class FieldReader {
  public:
    explicit FieldReader(std::span<const std::uint8_t> payload) : r_(payload) {}

    void u8(std::uint8_t& v) { v = r_.u8(); }
    void u16(std::uint16_t& v) { v = r_.u16(); }
    void u32(std::uint32_t& v) { v = r_.u32(); }
    // Fail the read if the string is longer than maxUnits UTF-16 code units.
    void string16(std::string& s, std::size_t maxUnits) { s = limited(r_.string16(), maxUnits); }
    void string8(std::string& s, std::size_t maxUnits) { s = limited(r_.string8(), maxUnits); }
    void unusedU32() { r_.u32(); }
    void rest(std::vector<std::uint8_t>& data) {
        const auto bytes = r_.rest();
        data.assign(bytes.begin(), bytes.end());
    }
    // remaining() is 0 once the reader has failed, so a short item ends the loop.
    template <typename T, typename Layout>
    void untilEnd(std::vector<T>& items, Layout layout) {
        while (r_.remaining() > 0) {
            layout(*this, items.emplace_back());
        }
    }
    // A field whose bytes were readable but whose value is not allowed.
    void require(bool valid) {
        if (!valid) {
            r_.fail();
        }
    }

    // Every layout must be consumed exactly: a short read or a trailing byte is invalid.
    bool atEnd() const { return r_.atEnd(); }

  private:
    std::string limited(std::string text, std::size_t maxUnits);

    ByteReader r_;
};

template <typename Msg, typename Layout>
std::vector<std::uint8_t> writeFields(const Msg& msg, Layout layout) {
    std::vector<std::uint8_t> out;
    FieldWriter writer(out);
    layout(writer, msg);
    return out;
}

// nullopt if the payload is short, too long, or fails a check of the layout.
template <typename Msg, typename Layout>
std::optional<Msg> readFields(std::span<const std::uint8_t> payload, Layout layout) {
    FieldReader reader(payload);
    Msg msg;
    layout(reader, msg);
    if (!reader.atEnd()) {
        return std::nullopt;
    }
    return msg;
}

}  // namespace tutti::protocol
