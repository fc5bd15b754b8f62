// Caps console lines per kind and time window, so a flood on the JSON-RPC port cannot flood the
// log as well, and one kind of flood (say, a thousand connections) cannot hide the lines of
// another (a peer dropped for not reading). Suppressed lines are counted and the count printed
// when the kind next gets a line through.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <string>

namespace tutti::rpc {

enum class LogKind {
    Connection,  // received, closed, evicted, timed out
    Drop,        // a connection dropped or refused for misbehaving
    Auth,        // failed or missing authentication
    Always,      // never capped (a successful authentication)
};

class LogThrottle {
  public:
    using Clock = std::chrono::steady_clock;
    using Sink = std::function<void(const std::string&)>;

    LogThrottle(int linesPerWindow, std::chrono::milliseconds window)
        : linesPerWindow_(linesPerWindow), window_(window) {}

    void log(LogKind kind, const std::string& line, const Sink& sink,
             Clock::time_point now = Clock::now());

  private:
    struct Bucket {
        Clock::time_point windowStart{};
        int lines = 0;
        int suppressed = 0;
    };
    int linesPerWindow_;
    std::chrono::milliseconds window_;
    std::array<Bucket, 3> buckets_{};
};

}  // namespace tutti::rpc
