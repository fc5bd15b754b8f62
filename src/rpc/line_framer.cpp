#include "src/rpc/line_framer.h"

namespace tutti::rpc {

bool LineFramer::append(std::string_view bytes) {
    if (overflowed_) {
        return false;
    }
    // Drop what was already handed out before growing, so the buffer stays near one line.
    if (head_ > 0 && head_ * 2 >= buffer_.size()) {
        buffer_.erase(0, head_);
        head_ = 0;
    }
    buffer_.append(bytes);
    // Only the unterminated tail can grow without bound; complete lines are checked in nextLine.
    const std::size_t lastNewline = buffer_.rfind('\n');
    const std::size_t tailStart =
        (lastNewline == std::string::npos || lastNewline < head_) ? head_ : lastNewline + 1;
    if (buffer_.size() - tailStart > maxLineBytes_) {
        overflowed_ = true;
        buffer_.clear();
        head_ = scanned_ = 0;
        return false;
    }
    return true;
}

std::optional<std::string> LineFramer::nextLine() {
    if (overflowed_) {
        return std::nullopt;
    }
    const std::size_t newline = buffer_.find('\n', head_ + scanned_);
    if (newline == std::string::npos) {
        scanned_ = buffer_.size() - head_;
        return std::nullopt;
    }
    std::size_t end = newline;
    if (end > head_ && buffer_[end - 1] == '\r') {
        --end;
    }
    if (end - head_ > maxLineBytes_) {
        overflowed_ = true;
        buffer_.clear();
        head_ = scanned_ = 0;
        return std::nullopt;
    }
    std::string line = buffer_.substr(head_, end - head_);
    head_ = newline + 1;
    scanned_ = 0;
    if (head_ == buffer_.size()) {
        buffer_.clear();
        head_ = 0;
    }
    return line;
}

}  // namespace tutti::rpc
