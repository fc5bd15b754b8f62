#include "src/limits/reply_budget.h"

namespace tutti::limits {

bool ReplyBudget::allow(const net::PeerAddress& to, std::size_t bytes, Clock::time_point now) {
    const double cost = static_cast<double>(bytes);
    // Checked before anything is taken, so a refusal by one bucket does not drain the other.
    if (global_.level(now) < cost) {
        ++refused_;
        return false;
    }
    const std::string ip = to.ipText();
    auto it = perIp_.find(ip);
    if (it == perIp_.end()) {
        if (perIp_.size() >= kMaxTracked) {
            prune(now);
        }
        if (perIp_.size() >= kMaxTracked) {
            ++refused_;
            return false;
        }
        it = perIp_.emplace(ip, LeakyBucket(kPerIpBurstBytes, kPerIpBytesPerSecond)).first;
    }
    if (!it->second.take(now, cost)) {
        ++refused_;
        return false;
    }
    global_.take(now, cost);
    grantedBytes_ += bytes;
    return true;
}

void ReplyBudget::prune(Clock::time_point now) {
    if (now - lastPrune_ < std::chrono::seconds(1)) {
        return;
    }
    lastPrune_ = now;
    std::erase_if(perIp_, [&](const auto& kv) { return kv.second.isFull(now); });
}

}  // namespace tutti::limits
