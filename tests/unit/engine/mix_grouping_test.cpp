#include "src/engine/mix_grouping.h"

#include <gtest/gtest.h>

#include <array>

namespace tutti::engine {
namespace {

constexpr int kN = 6;

struct Listeners {
    std::array<std::array<float, kN>, kN> gain;
    std::array<std::array<float, kN>, kN> pan;
    std::array<ListenerMixKey, kN> keys;
    bool active[kN];

    Listeners() {
        for (int i = 0; i < kN; ++i) {
            gain[i].fill(1.0f);
            pan[i].fill(0.5f);
            keys[i] = ListenerMixKey{true, true, 128, 2, 71, gain[i].data(), pan[i].data()};
            active[i] = true;
        }
    }
};

int groupCount(const MixGrouping& g) {
    return static_cast<int>(g.leaders().size());
}

TEST(MixGrouping, DefaultMixesShareOneEncode) {
    Listeners l;
    MixGrouping g(kN);
    g.recompute(l.keys.data(), l.active);
    ASSERT_EQ(groupCount(g), 1);
    const int leader = g.leaders()[0];
    for (int i = 0; i < kN; ++i) {
        EXPECT_EQ(g.leaderOf(i), leader);
    }
    // Every client starts on its own (fresh) stream, so the members first converge.
    for (int i = 0; i < kN; ++i) {
        if (i != leader) {
            EXPECT_TRUE(g.converging(i));
            EXPECT_FALSE(g.sharesLeaderFrames(i));
        }
    }
    EXPECT_TRUE(g.pendingCopies().empty());
}

TEST(MixGrouping, ConvergingMemberJoinsAfterIdenticalFramesOnly) {
    Listeners l;
    MixGrouping g(kN);
    g.recompute(l.keys.data(), l.active);
    const int member = g.leaders()[0] == 0 ? 1 : 0;
    g.reportFrame(member, true);
    g.reportFrame(member, true);
    g.reportFrame(member, false);  // a mismatch restarts the count
    g.reportFrame(member, true);
    g.reportFrame(member, true);
    EXPECT_TRUE(g.converging(member));
    g.reportFrame(member, true);
    EXPECT_FALSE(g.converging(member));
    EXPECT_TRUE(g.sharesLeaderFrames(member));
}

void joinAll(MixGrouping& g) {
    for (int r = 0; r < MixGrouping::kConvergedFrames; ++r) {
        for (int i = 0; i < kN; ++i) {
            g.reportFrame(i, true);
        }
    }
}

TEST(MixGrouping, FaderChangeSplitsTheListenerWithItsStreamContinued) {
    Listeners l;
    MixGrouping g(kN);
    g.recompute(l.keys.data(), l.active);
    joinAll(g);
    const int leader = g.leaders()[0];
    const int mover = (leader + 2) % kN;
    l.gain[mover][0] = 0.5f;
    g.recompute(l.keys.data(), l.active);
    ASSERT_EQ(groupCount(g), 2);
    EXPECT_EQ(g.leaderOf(mover), mover);
    // The mover's client was hearing the leader's stream; its own encoder must continue it.
    ASSERT_EQ(g.pendingCopies().size(), 1u);
    EXPECT_EQ(g.pendingCopies()[0].target, mover);
    EXPECT_EQ(g.pendingCopies()[0].source, leader);
    // Everybody else keeps sharing the unchanged leader's frames without a break.
    for (int i = 0; i < kN; ++i) {
        if (i != mover && i != leader) {
            EXPECT_TRUE(g.sharesLeaderFrames(i));
            EXPECT_EQ(g.leaderOf(i), leader);
        }
    }
}

TEST(MixGrouping, WhenTheLeaderLeavesAMemberTakesOverItsStream) {
    Listeners l;
    MixGrouping g(kN);
    g.recompute(l.keys.data(), l.active);
    joinAll(g);
    g.clearPendingCopies();
    const int leader = g.leaders()[0];
    l.pan[leader][3] = 0.0f;
    g.recompute(l.keys.data(), l.active);
    ASSERT_EQ(groupCount(g), 2);
    EXPECT_EQ(g.leaderOf(leader), leader);  // keeps its own (live) encoder: no copy
    const int newLeader = g.leaderOf(leader == 0 ? 1 : 0);
    ASSERT_NE(newLeader, leader);
    ASSERT_EQ(g.pendingCopies().size(), 1u);
    EXPECT_EQ(g.pendingCopies()[0].target, newLeader);
    EXPECT_EQ(g.pendingCopies()[0].source, leader);
    for (int i = 0; i < kN; ++i) {
        if (i != leader && i != newLeader) {
            EXPECT_TRUE(g.sharesLeaderFrames(i)) << i;
        }
    }
}

TEST(MixGrouping, MonoListenersIgnorePanStereoListenersDoNot) {
    Listeners l;
    for (int i = 0; i < kN; ++i) {
        l.keys[i].channels = 1;
        l.keys[i].codedBytes = 45;
        l.pan[i][0] = 0.1f * static_cast<float>(i);
    }
    MixGrouping g(kN);
    g.recompute(l.keys.data(), l.active);
    EXPECT_EQ(groupCount(g), 1);
    l.keys[0].channels = 2;
    l.keys[0].codedBytes = 71;
    l.keys[1].channels = 2;
    l.keys[1].codedBytes = 71;
    g.recompute(l.keys.data(), l.active);
    EXPECT_EQ(groupCount(g), 3);  // the two stereo listeners pan differently
}

TEST(MixGrouping, FormatFadeAndInactiveSourcesAreRespected) {
    Listeners l;
    l.keys[1].codedBytes = 165;   // another quality: its own encode
    l.keys[2].groupable = false;  // still fading in
    l.keys[3].eligible = false;   // not identified yet
    l.gain[4][5] = 0.0f;          // differs only for a source that sends nothing...
    l.active[5] = false;          // ...so it does not count
    MixGrouping g(kN);
    g.recompute(l.keys.data(), l.active);
    EXPECT_EQ(g.leaderOf(3), -1);
    EXPECT_EQ(g.leaderOf(1), 1);
    EXPECT_EQ(g.leaderOf(2), 2);
    EXPECT_EQ(g.leaderOf(4), g.leaderOf(0));
    EXPECT_EQ(groupCount(g), 3);
}

TEST(MixGrouping, AllDifferentMixesGiveOneGroupEach) {
    Listeners l;
    for (int i = 0; i < kN; ++i) {
        l.gain[i][i] = 0.1f * static_cast<float>(i + 1);
    }
    MixGrouping g(kN);
    g.recompute(l.keys.data(), l.active);
    EXPECT_EQ(groupCount(g), kN);
}

}  // namespace
}  // namespace tutti::engine
