#include "src/web/chat_history.h"

#include <ctime>

namespace tutti::web {

ChatHistory::ChatHistory(control::OperatorApi& api) : api_(api) {
    api_.subscribe(this);
}

ChatHistory::~ChatHistory() {
    api_.unsubscribe(this);
}

void ChatHistory::chatMessage(int id, const std::string& html) {
    ChatLine line;
    line.seq = nextSeq_++;
    line.time = static_cast<int64_t>(std::time(nullptr));
    line.id = id;
    line.html = html;
    if (id >= 0) {
        for (const control::ClientInfo& c : api_.clients()) {
            if (c.id == id) {
                line.name = c.name;
            }
        }
    }
    lines_.push_back(std::move(line));
    while (lines_.size() > kKeep) {
        lines_.pop_front();
    }
}

std::vector<ChatLine> ChatHistory::since(uint64_t seq) const {
    std::vector<ChatLine> out;
    for (const ChatLine& line : lines_) {
        if (line.seq > seq) {
            out.push_back(line);
        }
    }
    return out;
}

}  // namespace tutti::web
