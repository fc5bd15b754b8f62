#include "src/server/channel_admission.h"

#include <algorithm>

namespace tutti::server {

bool ChannelAdmission::evictable(const Slot& slot, Clock::time_point now) const {
    return slot.connected && !slot.established && now - slot.openedAt >= kEstablishWindow;
}

ChannelAdmission::Decision ChannelAdmission::decide(std::span<const Slot> slots,
                                                    const std::string& ip,
                                                    Clock::time_point now) const {
    const auto fromIp = std::count_if(slots.begin(), slots.end(),
                                      [&](const Slot& s) { return s.connected && s.ip == ip; });
    if (fromIp >= maxPerAddress_) {
        return {Decision::Kind::AddressLimit, -1};
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (!slots[i].connected) {
            return {Decision::Kind::Open, static_cast<int>(i)};
        }
    }
    // The oldest unestablished channel: the one least likely to be a slow real client.
    int oldest = -1;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (evictable(slots[i], now) &&
            (oldest < 0 || slots[i].openedAt < slots[static_cast<std::size_t>(oldest)].openedAt)) {
            oldest = static_cast<int>(i);
        }
    }
    if (oldest >= 0) {
        return {Decision::Kind::Challenge, oldest};
    }
    return {Decision::Kind::Full, -1};
}

bool ChannelAdmission::challenge(const net::PeerAddress& from, int slot, Clock::time_point now) {
    prune(now);
    auto it = challenges_.find(from);
    if (it != challenges_.end()) {
        if (now - it->second.sentAt < kChallengeInterval) {
            return false;
        }
        it->second = Challenge{slot, now};
        return true;
    }
    if (challenges_.size() >= kMaxChallenges) {
        return false;
    }
    challenges_.emplace(from, Challenge{slot, now});
    return true;
}

std::optional<int> ChannelAdmission::takeChallenge(const net::PeerAddress& from,
                                                   Clock::time_point now) {
    auto it = challenges_.find(from);
    if (it == challenges_.end()) {
        return std::nullopt;
    }
    const Challenge c = it->second;
    challenges_.erase(it);
    if (now - c.sentAt > kChallengeValidity) {
        return std::nullopt;
    }
    return c.slot;
}

void ChannelAdmission::prune(Clock::time_point now) {
    if (now - lastPrune_ < std::chrono::seconds(1)) {
        return;
    }
    lastPrune_ = now;
    std::erase_if(challenges_,
                  [&](const auto& kv) { return now - kv.second.sentAt > kChallengeValidity; });
}

}  // namespace tutti::server
