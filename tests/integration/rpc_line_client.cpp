#include "rpc_line_client.h"

#include <algorithm>
#include <optional>
#include <thread>
#include <utility>

namespace tutti::test {

RpcLineClient::RpcLineClient(uint16_t port, WaitLoop loop) : peer_(port), loop_(std::move(loop)) {}

bool RpcLineClient::pollUntil(const std::function<bool()>& done,
                              std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

bool RpcLineClient::waitUntil(const std::function<bool()>& done,
                              std::chrono::milliseconds timeout) {
    return loop_ ? loop_(done, timeout) : pollUntil(done, timeout);
}

std::string RpcLineClient::call(const std::string& method, const std::string& params,
                                std::chrono::milliseconds timeout) {
    const std::string id = std::to_string(++lastId_);
    peer_.writeLine(R"({"id":)" + id + R"(,"jsonrpc":"2.0","method":")" + method +
                    R"(","params":)" + params + "}");
    const std::string prefix = R"({"id":)" + id + ",";
    std::optional<std::string> answer;
    waitUntil(
        [&] {
            peer_.pump();
            while (auto line = peer_.takeLine()) {
                // An error the server could not tie to a request (a line it could not parse)
                // answers the request that caused it.
                if (line->starts_with(prefix) || line->starts_with(R"({"error")")) {
                    answer = std::move(*line);
                    return true;
                }
                notes.push_back(std::move(*line));
            }
            return peer_.closed();
        },
        timeout);
    return answer.value_or("<no answer>");
}

bool RpcLineClient::authenticate(const std::string& secret) {
    const std::string answer = call("jamulus/apiAuth", R"({"secret":")" + secret + "\"}");
    return answer == R"({"id":)" + std::to_string(lastId_) + R"(,"jsonrpc":"2.0","result":"ok"})";
}

bool RpcLineClient::waitNote(const std::string& part, std::chrono::milliseconds timeout) {
    return waitUntil(
        [&] {
            peer_.pump();
            while (auto line = peer_.takeLine()) {
                notes.push_back(std::move(*line));
            }
            return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) {
                return n.find(part) != std::string::npos;
            });
        },
        timeout);
}

}  // namespace tutti::test
