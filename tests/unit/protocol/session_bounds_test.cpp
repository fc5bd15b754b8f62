// The bounds of Session's queue: coalescing of self-superseding messages, the cap, and the
// overflow flag the server disconnects on.
#include <gtest/gtest.h>

#include <string>

#include "message_test_util.h"
#include "protocol/connection_messages.h"
#include "protocol/message_ids.h"
#include "protocol/session.h"

namespace tutti::protocol {
namespace {

using namespace std::chrono_literals;
using test::Bytes;

const Clock::time_point t0 = Clock::time_point{} + 1h;

Frame frameOf(const Bytes& datagram) {
    auto f = parseFrame(datagram);
    EXPECT_TRUE(f);
    return *f;
}

Bytes ackFor(std::uint16_t id, std::uint8_t counter) {
    return encodeFrame(msgid::kAckn, counter, AcknMsg{id}.encode());
}

ConnClientsListMsg listOf(int clients) {
    ConnClientsListMsg list;
    for (int i = 0; i < clients; ++i) {
        list.entries.push_back(
            ClientListEntry{static_cast<std::uint8_t>(i), 0, 0, 0, "name" + std::to_string(i), ""});
    }
    return list;
}

struct Sent {
    std::uint16_t id = 0;
    std::uint8_t counter = 0;
    Bytes payload;
};

// Acknowledges whatever is in flight and returns it (a copy: frames point into their datagram).
Sent ackHead(Session& s, Clock::time_point now) {
    auto out = s.takeOutgoing();
    EXPECT_FALSE(out.empty());
    if (out.empty()) {
        return {};
    }
    const Frame f = frameOf(out.back());
    Sent sent{f.id, f.counter, Bytes(f.payload.begin(), f.payload.end())};
    s.receive(frameOf(ackFor(f.id, f.counter)), now);
    return sent;
}

TEST(SessionBounds, NewerClientListReplacesUnsentOlderOne) {
    Session s;
    s.send(ClientIdMsg{0}, t0);  // in flight, blocks the rest
    for (int i = 1; i <= 50; ++i) {
        s.send(listOf(i), t0);
    }
    EXPECT_EQ(s.pendingCount(), 2u);
    EXPECT_EQ(s.coalescedCount(), 49u);
    ackHead(s, t0);
    auto out = s.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    const Frame f = frameOf(out[0]);
    EXPECT_EQ(f.id, msgid::kConnClientsList);
    EXPECT_EQ(f.counter, 1);  // counters given out on sending: no gap for the dropped lists
    EXPECT_EQ(ConnClientsListMsg::decode(f.payload)->entries.size(), 50u);
}

TEST(SessionBounds, ListInFlightIsNotReplacedButFollowedByTheNewest) {
    Session s;
    s.send(listOf(1), t0);  // in flight
    s.send(listOf(2), t0);
    s.send(listOf(3), t0);
    EXPECT_EQ(s.pendingCount(), 2u);
    EXPECT_EQ(ConnClientsListMsg::decode(ackHead(s, t0).payload)->entries.size(), 1u);
    const auto out = s.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(ConnClientsListMsg::decode(frameOf(out[0]).payload)->entries.size(), 3u);
}

TEST(SessionBounds, RecorderStateAndJitterSizeCoalesceChatDoesNot) {
    Session s;
    s.send(ClientIdMsg{0}, t0);
    s.send(RecorderStateMsg{1}, t0);
    s.send(RecorderStateMsg{2}, t0);
    s.send(JittBufSizeMsg{4}, t0);
    s.send(JittBufSizeMsg{5}, t0);
    s.send(ChatTextMsg{"a"}, t0);
    s.send(ChatTextMsg{"a"}, t0);
    EXPECT_EQ(s.pendingCount(), 5u);
    ackHead(s, t0);
    EXPECT_EQ(RecorderStateMsg::decode(ackHead(s, t0).payload)->state, 2);
    EXPECT_EQ(JittBufSizeMsg::decode(ackHead(s, t0).payload)->blocks, 5);
}

TEST(SessionBounds, PeerThatNeverAcknowledgesOverflowsAtTheCap) {
    Session s;
    const std::string text(100, 'x');
    std::size_t sent = 0;
    while (!s.overflowed() && sent < 10 * Session::kMaxPendingMessages) {
        s.send(ChatTextMsg{text}, t0);
        ++sent;
    }
    EXPECT_TRUE(s.overflowed());
    EXPECT_LE(s.pendingCount(), Session::kMaxPendingMessages);
    EXPECT_LE(s.pendingBytes(), Session::kMaxPendingBytes);
    const std::size_t pending = s.pendingCount();
    s.send(ChatTextMsg{text}, t0);  // refused from now on
    EXPECT_EQ(s.pendingCount(), pending);
    EXPECT_GE(s.refusedCount(), 2u);
    s.reset();
    EXPECT_FALSE(s.overflowed());
    EXPECT_EQ(s.pendingBytes(), 0u);
}

TEST(SessionBounds, ByteCapHoldsForLongMessages) {
    Session s;
    const std::string text(1500, 'y');  // ~1.5 kB each: the byte cap is reached first
    for (int i = 0; i < 400 && !s.overflowed(); ++i) {
        s.send(ChatTextMsg{text}, t0);
    }
    EXPECT_TRUE(s.overflowed());
    EXPECT_LE(s.pendingBytes(), Session::kMaxPendingBytes);
    EXPECT_LT(s.pendingCount(), Session::kMaxPendingMessages);
}

TEST(SessionBounds, AcknowledgementMarksThePeerAndFreesBytes) {
    Session s;
    EXPECT_FALSE(s.peerHasAcknowledged());
    s.send(ChatTextMsg{"hello"}, t0);
    EXPECT_GT(s.pendingBytes(), 0u);
    ackHead(s, t0 + 5ms);
    EXPECT_TRUE(s.peerHasAcknowledged());
    EXPECT_EQ(s.pendingBytes(), 0u);
    s.reset();
    EXPECT_FALSE(s.peerHasAcknowledged());
}

TEST(SessionBounds, SplitListInFlightStaysWholeWhenANewerOneArrives) {
    Session s;
    s.setPeerSupportsSplit(true);
    s.send(listOf(60), t0);  // > 550 bytes: split, first part in flight
    const std::size_t parts = s.pendingCount();
    ASSERT_GT(parts, 1u);
    s.send(listOf(61), t0);
    s.send(listOf(62), t0);
    // The first list keeps all its parts; only the newest of the later two remains.
    EXPECT_GT(s.pendingCount(), parts);
    EXPECT_EQ(s.coalescedCount(), 1u);
}

}  // namespace
}  // namespace tutti::protocol
