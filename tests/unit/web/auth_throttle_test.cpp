#include "src/web/auth_throttle.h"

#include <gtest/gtest.h>

namespace tutti::web {
namespace {

TEST(AuthThrottle, BlocksAHostAfterTooManyFailuresForOneWindow) {
    AuthThrottle t;
    for (int i = 0; i < AuthThrottle::kMaxFailures; ++i) {
        EXPECT_FALSE(t.blocked("192.0.2.1", 100));
        t.failed("192.0.2.1", 100 + i);
    }
    EXPECT_TRUE(t.blocked("192.0.2.1", 110));
    EXPECT_FALSE(t.blocked("192.0.2.2", 110));  // others are not affected
    EXPECT_TRUE(t.blocked("192.0.2.1", 100 + AuthThrottle::kWindowSeconds - 1));
    EXPECT_FALSE(t.blocked("192.0.2.1", 100 + AuthThrottle::kWindowSeconds));
}

TEST(AuthThrottle, SuccessClearsAndMemoryStaysBounded) {
    AuthThrottle t;
    t.failed("a", 1);
    t.succeeded("a");
    EXPECT_EQ(t.trackedHosts(), 0u);
    for (std::size_t i = 0; i < AuthThrottle::kMaxHosts * 3; ++i) {
        t.failed("host" + std::to_string(i), 5);
    }
    EXPECT_LE(t.trackedHosts(), AuthThrottle::kMaxHosts);
}

}  // namespace
}  // namespace tutti::web
