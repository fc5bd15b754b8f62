// Splits a TCP byte stream into newline-terminated lines without ever holding more than one
// over-long line's worth of bytes: a peer sending 10 MB without a newline is caught at the limit.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tutti::rpc {

class LineFramer {
  public:
    explicit LineFramer(std::size_t maxLineBytes) : maxLineBytes_(maxLineBytes) {}

    // Adds received bytes. Returns false once a line (terminated or not) exceeds the limit; the
    // framer then stays overflowed and yields nothing more.
    bool append(std::string_view bytes);
    // The next complete line without its "\n" (and without a "\r" before it), or nullopt.
    std::optional<std::string> nextLine();

    bool overflowed() const { return overflowed_; }
    // Bytes held that have not been returned as lines yet.
    std::size_t pendingBytes() const { return buffer_.size() - head_; }

  private:
    std::size_t maxLineBytes_;
    std::string buffer_;
    std::size_t head_ = 0;     // start of the first line not yet returned
    std::size_t scanned_ = 0;  // bytes from head_ known to hold no newline
    bool overflowed_ = false;
};

}  // namespace tutti::rpc
