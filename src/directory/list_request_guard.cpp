#include "src/directory/list_request_guard.h"

namespace tutti::directory {

namespace {
// Takes a token from the bucket of `ip`, creating it if there is room to track one more.
bool takeFrom(std::unordered_map<std::string, limits::LeakyBucket>& buckets, const std::string& ip,
              double burst, double perSecond, ListRequestGuard::Clock::time_point now) {
    auto it = buckets.find(ip);
    if (it == buckets.end()) {
        if (buckets.size() >= ListRequestGuard::kMaxTracked) {
            return false;
        }
        it = buckets.emplace(ip, limits::LeakyBucket(burst, perSecond)).first;
    }
    return it->second.take(now);
}
}  // namespace

void ListRequestGuard::onPingAnswered(const net::PeerAddress& from, Clock::time_point now) {
    prune(now);
    if (pinged_.size() < kMaxTracked || pinged_.count(from) != 0) {
        pinged_[from] = now;
    }
}

ListRequestGuard::Verdict ListRequestGuard::onRequest(const net::PeerAddress& from,
                                                      Clock::time_point now,
                                                      std::size_t fullReplyBytes) {
    prune(now);
    const std::string ip = from.ipText();
    const auto ping = pinged_.find(from);
    if (ping != pinged_.end() && now - ping->second <= kPingValidity) {
        return takeFrom(fullByIp_, ip, kFullBurst, kFullPerSecond, now) ? Verdict::Full
                                                                        : Verdict::Drop;
    }
    if (fullReplyBytes != static_cast<std::size_t>(-1) &&
        unvalidatedBudget_.allow(from, fullReplyBytes, now)) {
        return Verdict::Full;
    }
    if (!probesOverall_.take(now)) {
        return Verdict::Drop;
    }
    return takeFrom(probeByIp_, ip, kProbeBurst, kProbePerSecond, now) ? Verdict::Probe
                                                                       : Verdict::Drop;
}

void ListRequestGuard::prune(Clock::time_point now) {
    if (now - lastPrune_ < std::chrono::minutes(1)) {
        return;
    }
    lastPrune_ = now;
    std::erase_if(pinged_, [&](const auto& kv) { return now - kv.second > kPingValidity; });
    std::erase_if(fullByIp_, [&](const auto& kv) { return kv.second.isFull(now); });
    std::erase_if(probeByIp_, [&](const auto& kv) { return kv.second.isFull(now); });
}

}  // namespace tutti::directory
