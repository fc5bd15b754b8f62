// A leaky bucket (token bucket): `capacity` units at once, refilled at `perSecond`. Used for
// every per-peer and global limit of the abuse defences; plain arithmetic, no allocation.
#pragma once

#include <algorithm>
#include <chrono>

namespace tutti::limits {

class LeakyBucket {
  public:
    using Clock = std::chrono::steady_clock;

    LeakyBucket(double capacity, double perSecond)
        : capacity_(capacity), perSecond_(perSecond), tokens_(capacity) {}

    // Takes `cost` units if they are there; otherwise takes nothing.
    bool take(Clock::time_point now, double cost = 1.0) {
        tokens_ = level(now);
        last_ = now;
        if (tokens_ < cost) {
            return false;
        }
        tokens_ -= cost;
        return true;
    }
    double level(Clock::time_point now) const {
        if (last_ == Clock::time_point{}) {
            return tokens_;
        }
        const double seconds = std::chrono::duration<double>(now - last_).count();
        return std::min(capacity_, tokens_ + std::max(0.0, seconds) * perSecond_);
    }
    // A full bucket holds no information and can be forgotten.
    bool isFull(Clock::time_point now) const { return level(now) >= capacity_; }

  private:
    double capacity_;
    double perSecond_;
    double tokens_;
    Clock::time_point last_{};
};

}  // namespace tutti::limits
