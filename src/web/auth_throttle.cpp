#include "src/web/auth_throttle.h"

namespace tutti::web {

bool AuthThrottle::blocked(const std::string& host, int64_t now) const {
    const auto it = hosts_.find(host);
    return it != hosts_.end() && now - it->second.windowStart < kWindowSeconds &&
           it->second.failures >= kMaxFailures;
}

void AuthThrottle::failed(const std::string& host, int64_t now) {
    if (hosts_.size() >= kMaxHosts && hosts_.find(host) == hosts_.end()) {
        // Forget every finished window first; if all are live, the table is full of guessers,
        // and starting over is still bounded (each host then gets at most kMaxFailures more).
        std::erase_if(
            hosts_, [now](const auto& e) { return now - e.second.windowStart >= kWindowSeconds; });
        if (hosts_.size() >= kMaxHosts) {
            hosts_.clear();
        }
    }
    Entry& e = hosts_[host];
    if (now - e.windowStart >= kWindowSeconds) {
        e.windowStart = now;
        e.failures = 0;
    }
    ++e.failures;
}

}  // namespace tutti::web
