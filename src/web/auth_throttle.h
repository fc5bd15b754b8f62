// Slows password guessing on the web admin port: a host with too many wrong passwords in a
// window gets 429 without its password being checked, until the window has passed. Bounded in
// memory whatever the number of hosts. Qt-free; the caller passes the time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace tutti::web {

class AuthThrottle {
  public:
    static constexpr int kMaxFailures = 10;        // per host and window
    static constexpr int64_t kWindowSeconds = 60;  //
    static constexpr std::size_t kMaxHosts = 4096;

    bool blocked(const std::string& host, int64_t now) const;
    void failed(const std::string& host, int64_t now);
    void succeeded(const std::string& host) { hosts_.erase(host); }
    std::size_t trackedHosts() const { return hosts_.size(); }

  private:
    struct Entry {
        int64_t windowStart = 0;
        int failures = 0;
    };
    std::unordered_map<std::string, Entry> hosts_;
};

}  // namespace tutti::web
