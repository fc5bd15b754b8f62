#pragma once

#include <algorithm>
#include <chrono>

namespace tutti::directory {

// Leaky-bucket rate limit: `capacity` events at once, refilled at `perSecond`.
class TokenBucket {
  public:
    using Clock = std::chrono::steady_clock;

    TokenBucket(double capacity, double perSecond)
        : capacity_(capacity), perSecond_(perSecond), tokens_(capacity) {}

    bool take(Clock::time_point now) {
        tokens_ = level(now);
        last_ = now;
        if (tokens_ < 1.0) {
            return false;
        }
        tokens_ -= 1.0;
        return true;
    }
    // A bucket that is full again holds no information and can be forgotten.
    bool isFull(Clock::time_point now) const { return level(now) >= capacity_; }

  private:
    double level(Clock::time_point now) const {
        if (last_ == Clock::time_point{}) {
            return tokens_;
        }
        const double seconds = std::chrono::duration<double>(now - last_).count();
        return std::min(capacity_, tokens_ + std::max(0.0, seconds) * perSecond_);
    }

    double capacity_;
    double perSecond_;
    double tokens_;
    Clock::time_point last_{};
};

}  // namespace tutti::directory
