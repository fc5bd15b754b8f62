// The last chat lines for the status page: the command layer raises each one once, but a page
// that polls needs to read them again, so the web front end keeps a short history. Qt-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::web {

struct ChatLine {
    uint64_t seq = 0;  // increases by one per line, so a page asks only for newer ones
    int64_t time = 0;  // Unix seconds
    int id = -1;       // the client's channel, -1 for the operator
    std::string name;  // the client's name when the line arrived, "" for the operator
    std::string html;  // as relayed to clients
};

class ChatHistory : public control::OperatorEvents {
  public:
    static constexpr std::size_t kKeep = 100;

    // Subscribes to `api` for its lifetime.
    explicit ChatHistory(control::OperatorApi& api);
    ~ChatHistory() override;
    ChatHistory(const ChatHistory&) = delete;
    ChatHistory& operator=(const ChatHistory&) = delete;

    void chatMessage(int id, const std::string& html) override;
    std::vector<ChatLine> since(uint64_t seq) const;

  private:
    control::OperatorApi& api_;
    std::deque<ChatLine> lines_;
    uint64_t nextSeq_ = 1;
};

}  // namespace tutti::web
