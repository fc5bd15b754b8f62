#include "protocol/session.h"

#include <gtest/gtest.h>

#include <string>

#include "message_test_util.h"
#include "protocol/connection_messages.h"
#include "protocol/connectionless_messages.h"
#include "protocol/message_ids.h"

namespace tutti::protocol {
namespace {

using namespace std::chrono_literals;
using test::Bytes;

// Two sessions talking through the test, with a clock the test moves.
class SessionTest : public ::testing::Test {
  protected:
    Clock::time_point t0 = Clock::time_point{} + 1h;

    static Frame frameOf(const Bytes& datagram) {
        auto f = parseFrame(datagram);
        EXPECT_TRUE(f);
        return *f;
    }

    // Delivers a datagram to `to`, returning what it hands up.
    static std::optional<ReceivedMessage> deliver(Session& to, const Bytes& datagram,
                                                  Clock::time_point now) {
        return to.receive(frameOf(datagram), now);
    }

    static Bytes ackFor(std::uint16_t id, std::uint8_t counter) {
        return encodeFrame(msgid::kAckn, counter, AcknMsg{id}.encode());
    }
};

TEST_F(SessionTest, HeadGoesOutAtOnceOthersWaitForAck) {
    Session s;
    s.send(ClientIdMsg{0}, t0);
    s.send(ReqSplitMessSupportMsg{}, t0);
    auto out = s.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (Bytes{0x00, 0x00, 0x20, 0x00, 0x00, 0x01, 0x00, 0x00, 0xf9, 0xcc}));
    EXPECT_EQ(s.pendingCount(), 2u);

    deliver(s, ackFor(32, 0), t0 + 1ms);
    out = s.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(frameOf(out[0]).id, 34);
    EXPECT_EQ(frameOf(out[0]).counter, 1);
    EXPECT_EQ(s.pendingCount(), 1u);

    deliver(s, ackFor(34, 1), t0 + 2ms);
    EXPECT_TRUE(s.takeOutgoing().empty());
    EXPECT_EQ(s.pendingCount(), 0u);
}

TEST_F(SessionTest, AckMustMatchIdAndCounter) {
    Session s;
    s.send(ClientIdMsg{0}, t0);
    s.send(RecorderStateMsg{1}, t0);
    s.takeOutgoing();
    deliver(s, ackFor(32, 1), t0);  // wrong counter
    deliver(s, ackFor(33, 0), t0);  // wrong id
    EXPECT_TRUE(s.takeOutgoing().empty());
    EXPECT_EQ(s.pendingCount(), 2u);
    deliver(s, ackFor(32, 0), t0);
    EXPECT_EQ(s.pendingCount(), 1u);
    deliver(s, ackFor(32, 0), t0);  // late duplicate ACK does not release the next message
    EXPECT_EQ(s.pendingCount(), 1u);
}

TEST_F(SessionTest, AckIsNeverAcknowledgedNorReturned) {
    Session s;
    EXPECT_FALSE(deliver(s, ackFor(18, 5), t0));
    EXPECT_TRUE(s.takeOutgoing().empty());
}

TEST_F(SessionTest, RetransmitsHeadEvery400Ms) {
    Session s;
    s.send(ClientIdMsg{0}, t0);
    const auto first = s.takeOutgoing();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(s.nextRetransmit(), t0 + 400ms);

    s.poll(t0 + 399ms);
    EXPECT_TRUE(s.takeOutgoing().empty());
    s.poll(t0 + 400ms);
    auto again = s.takeOutgoing();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0], first[0]);  // unchanged, same counter
    s.poll(t0 + 799ms);
    EXPECT_TRUE(s.takeOutgoing().empty());
    s.poll(t0 + 800ms);
    EXPECT_EQ(s.takeOutgoing().size(), 1u);

    deliver(s, ackFor(32, 0), t0 + 900ms);
    s.poll(t0 + 2s);
    EXPECT_TRUE(s.takeOutgoing().empty());
    EXPECT_FALSE(s.nextRetransmit());
}

TEST_F(SessionTest, NextMessageGetsFreshTimerWhenItBecomesHead) {
    Session s;
    s.send(ClientIdMsg{0}, t0);
    s.send(ClientIdMsg{1}, t0);
    s.takeOutgoing();
    deliver(s, ackFor(32, 0), t0 + 350ms);
    EXPECT_EQ(s.takeOutgoing().size(), 1u);
    s.poll(t0 + 400ms);  // would be due for the old head, not for the new one
    EXPECT_TRUE(s.takeOutgoing().empty());
    s.poll(t0 + 750ms);
    EXPECT_EQ(s.takeOutgoing().size(), 1u);
}

TEST_F(SessionTest, CounterWrapsAfter255) {
    Session s;
    for (int i = 0; i < 258; ++i) {
        s.send(ClientIdMsg{0}, t0);
        const auto out = s.takeOutgoing();
        ASSERT_EQ(out.size(), 1u);
        const auto f = frameOf(out[0]);
        EXPECT_EQ(f.counter, static_cast<std::uint8_t>(i));
        deliver(s, ackFor(32, f.counter), t0);
    }
}

TEST_F(SessionTest, AcknowledgesAndReturnsMessages) {
    Session s;
    const auto chat = encodeFrame(18, 7, ChatTextMsg{"hello"}.encode());
    const auto got = deliver(s, chat, t0);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, 18);
    EXPECT_EQ(got->payload, ChatTextMsg{"hello"}.encode());
    const auto out = s.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], ackFor(18, 7));
}

TEST_F(SessionTest, AcknowledgesUnknownIdsAndInvalidPayloads) {
    Session s;
    // Capture 08: unknown id 99 with counter 13 is answered 00 00 01 00 0d 02 00 63 00 87 cd.
    const auto unknown = encodeFrame(99, 13, Bytes{1, 2});
    EXPECT_TRUE(deliver(s, unknown, t0));
    const auto out = s.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (Bytes{0x00, 0x00, 0x01, 0x00, 0x0d, 0x02, 0x00, 0x63, 0x00, 0x87, 0xcd}));

    // Obsolete id 28 from 3.x clients must be acknowledged or they stall.
    deliver(s, encodeFrame(28, 14, Bytes{1}), t0);
    EXPECT_EQ(s.takeOutgoing(), std::vector<Bytes>{ackFor(28, 14)});

    // A CLIENT_ID with no payload is invalid but still acknowledged.
    deliver(s, encodeFrame(32, 15, Bytes{}), t0);
    EXPECT_EQ(s.takeOutgoing(), std::vector<Bytes>{ackFor(32, 15)});
}

TEST_F(SessionTest, DuplicateIsAcknowledgedButNotReturned) {
    Session s;
    const auto pan = encodeFrame(30, 9, ChannelPanMsg{0, 0}.encode());
    EXPECT_TRUE(deliver(s, pan, t0));
    EXPECT_FALSE(deliver(s, pan, t0));
    EXPECT_EQ(s.takeOutgoing().size(), 2u);  // both acknowledged

    // Same counter, different id: not a duplicate.
    EXPECT_TRUE(deliver(s, encodeFrame(13, 9, ChannelGainMsg{0, 1}.encode()), t0));
    // Only the most recent message is remembered.
    EXPECT_TRUE(deliver(s, pan, t0));
}

TEST_F(SessionTest, DuplicateMemoryStartsAtIdZero) {
    Session s;
    EXPECT_FALSE(deliver(s, encodeFrame(0, 0, Bytes{}), t0));
    EXPECT_EQ(s.takeOutgoing().size(), 1u);
}

TEST_F(SessionTest, ConnectionlessFramesPassThroughUnacknowledged) {
    Session s;
    const auto ping = encodeFrame(1001, 0, Bytes{1, 2, 3, 4});
    const auto got = deliver(s, ping, t0);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, 1001);
    EXPECT_TRUE(s.takeOutgoing().empty());
    // And sending one goes out at once, outside the queue.
    s.send(ClmDisconnectionMsg{}, t0);
    EXPECT_EQ(s.pendingCount(), 0u);
    EXPECT_EQ(s.takeOutgoing(), std::vector<Bytes>{encodeFrame(1010, 0, Bytes{})});
}

TEST_F(SessionTest, LongMessageIsSentWholeWithoutSplitSupport) {
    Session s;
    s.send(ChatTextMsg{std::string(700, 'B')}, t0);
    const auto out = s.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(frameOf(out[0]).id, 18);
    EXPECT_EQ(out[0].size(), 702u + 9);
}

TEST_F(SessionTest, SplitsLongMessageInto550ByteParts) {
    Session sender;
    sender.setPeerSupportsSplit(true);
    const ChatTextMsg chat{std::string(700, 'B')};
    sender.send(chat, t0);
    EXPECT_EQ(sender.pendingCount(), 2u);

    auto out = sender.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    const auto first = SplitPartMsg::decode(frameOf(out[0]).payload);
    ASSERT_TRUE(first);
    EXPECT_EQ(frameOf(out[0]).id, 2001);
    EXPECT_EQ(first->originalId, 18);
    EXPECT_EQ(first->parts, 2);
    EXPECT_EQ(first->index, 0);
    EXPECT_EQ(first->data.size(), 550u);

    Session receiver;
    EXPECT_FALSE(deliver(receiver, out[0], t0));
    const auto ack0 = receiver.takeOutgoing();
    ASSERT_EQ(ack0, std::vector<Bytes>{ackFor(2001, 0)});
    deliver(sender, ack0[0], t0);

    out = sender.takeOutgoing();
    ASSERT_EQ(out.size(), 1u);
    const auto second = SplitPartMsg::decode(frameOf(out[0]).payload);
    ASSERT_TRUE(second);
    EXPECT_EQ(frameOf(out[0]).counter, 1);
    EXPECT_EQ(second->index, 1);
    EXPECT_EQ(second->data.size(), 152u);

    const auto whole = deliver(receiver, out[0], t0);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->id, 18);
    EXPECT_EQ(whole->payload, chat.encode());
    EXPECT_EQ(receiver.takeOutgoing(), std::vector<Bytes>{ackFor(2001, 1)});
}

TEST_F(SessionTest, ExactlyFiveHundredFiftyBytesIsNotSplit) {
    Session s;
    s.setPeerSupportsSplit(true);
    s.send(18, Bytes(550, 'x'), t0);
    EXPECT_EQ(s.pendingCount(), 1u);
    s.reset();
    s.setPeerSupportsSplit(true);
    s.send(18, Bytes(551, 'x'), t0);
    EXPECT_EQ(s.pendingCount(), 2u);
}

TEST_F(SessionTest, InterleavedMessageResetsReassembly) {
    Session sender;
    sender.setPeerSupportsSplit(true);
    sender.send(ChatTextMsg{std::string(700, 'B')}, t0);
    const auto part0 = sender.takeOutgoing().at(0);
    deliver(sender, ackFor(2001, 0), t0);
    const auto part1 = sender.takeOutgoing().at(0);

    Session receiver;
    EXPECT_FALSE(deliver(receiver, part0, t0));
    EXPECT_TRUE(deliver(receiver, encodeFrame(30, 77, ChannelPanMsg{}.encode()), t0));
    EXPECT_FALSE(deliver(receiver, part1, t0));  // reassembly was dropped
    // An ACKN in between, however, is part of normal traffic and must not interrupt.
    EXPECT_FALSE(deliver(receiver, part0, t0));
    deliver(receiver, ackFor(18, 3), t0);
    EXPECT_TRUE(deliver(receiver, part1, t0));
}

TEST_F(SessionTest, OutOfOrderPartResetsReassembly) {
    Session receiver;
    SplitPartMsg p0{18, 3, 0, Bytes(550, 'a')};
    SplitPartMsg p1{18, 3, 1, Bytes(550, 'b')};
    SplitPartMsg p2{18, 3, 2, Bytes(10, 'c')};
    EXPECT_FALSE(deliver(receiver, encodeFrame(2001, 0, p0.encode()), t0));
    EXPECT_FALSE(deliver(receiver, encodeFrame(2001, 1, p2.encode()), t0));  // skipped part 1
    EXPECT_FALSE(deliver(receiver, encodeFrame(2001, 2, p1.encode()), t0));
    EXPECT_FALSE(deliver(receiver, encodeFrame(2001, 3, p2.encode()), t0));
    EXPECT_EQ(receiver.takeOutgoing().size(), 4u);  // every part acknowledged regardless
}

TEST_F(SessionTest, ResetStartsOver) {
    Session s;
    s.setPeerSupportsSplit(true);
    s.send(ClientIdMsg{0}, t0);
    s.send(ClientIdMsg{1}, t0);
    const auto pan = encodeFrame(30, 9, ChannelPanMsg{}.encode());
    deliver(s, pan, t0);
    deliver(s, encodeFrame(2001, 10, SplitPartMsg{18, 2, 0, Bytes(550, 'a')}.encode()), t0);
    s.reset();

    EXPECT_EQ(s.pendingCount(), 0u);
    EXPECT_TRUE(s.takeOutgoing().empty());
    EXPECT_FALSE(s.peerSupportsSplit());
    s.poll(t0 + 1s);
    EXPECT_TRUE(s.takeOutgoing().empty());
    // Counter back to 0.
    s.send(ClientIdMsg{0}, t0);
    EXPECT_EQ(frameOf(s.takeOutgoing().at(0)).counter, 0);
    // Duplicate memory forgotten.
    EXPECT_TRUE(deliver(s, pan, t0));
    // Reassembly forgotten: a lone last part does not complete anything.
    EXPECT_FALSE(
        deliver(s, encodeFrame(2001, 11, SplitPartMsg{18, 2, 1, Bytes(10, 'b')}.encode()), t0));
}

}  // namespace
}  // namespace tutti::protocol
