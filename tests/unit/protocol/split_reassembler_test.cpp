#include "protocol/split_reassembler.h"

#include <gtest/gtest.h>

#include "message_test_util.h"
#include "protocol/connection_messages.h"

namespace tutti::protocol {
namespace {

using test::Bytes;

Bytes part(std::uint16_t id, std::uint8_t parts, std::uint8_t index, std::size_t bytes,
           std::uint8_t fill = 'x') {
    return SplitPartMsg{id, parts, index, Bytes(bytes, fill)}.encode();
}

TEST(SplitReassembler, JoinsPartsInOrder) {
    SplitReassembler r;
    EXPECT_FALSE(r.addPart(part(24, 3, 0, 550, 'a')));
    EXPECT_TRUE(r.inProgress());
    EXPECT_FALSE(r.addPart(part(24, 3, 1, 550, 'b')));
    const auto m = r.addPart(part(24, 3, 2, 5, 'c'));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->id, 24);
    ASSERT_EQ(m->payload.size(), 1105u);
    EXPECT_EQ(m->payload[0], 'a');
    EXPECT_EQ(m->payload[550], 'b');
    EXPECT_EQ(m->payload[1100], 'c');
    EXPECT_FALSE(r.inProgress());
}

TEST(SplitReassembler, SinglePartMessageCompletesAtOnce) {
    SplitReassembler r;
    const auto m = r.addPart(part(18, 1, 0, 20));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->payload.size(), 20u);
}

TEST(SplitReassembler, RejectsInconsistentParts) {
    SplitReassembler r;
    EXPECT_FALSE(r.addPart(part(18, 0, 0, 10)));  // zero parts
    EXPECT_FALSE(r.addPart(part(18, 2, 1, 10)));  // does not start at 0
    EXPECT_FALSE(r.inProgress());

    EXPECT_FALSE(r.addPart(part(18, 2, 0, 10)));
    EXPECT_FALSE(r.addPart(part(24, 2, 1, 10)));  // other original id
    EXPECT_FALSE(r.inProgress());

    EXPECT_FALSE(r.addPart(part(18, 2, 0, 10)));
    EXPECT_FALSE(r.addPart(part(18, 3, 1, 10)));  // other part count
    EXPECT_FALSE(r.inProgress());

    EXPECT_FALSE(r.addPart(Bytes{18, 0, 2}));      // header too short
    EXPECT_FALSE(r.addPart(part(1, 1, 0, 2)));     // wrapped ACKN
    EXPECT_FALSE(r.addPart(part(2001, 1, 0, 2)));  // nested split
}

TEST(SplitReassembler, AtMost36PartsAnd20000Bytes) {
    SplitReassembler r;
    for (std::uint8_t i = 0; i < 36; ++i) {
        EXPECT_FALSE(r.addPart(part(18, 40, i, 10)));
    }
    EXPECT_TRUE(r.inProgress());
    EXPECT_FALSE(r.addPart(part(18, 40, 36, 10)));  // index 36 is beyond the limit
    EXPECT_FALSE(r.inProgress());

    // 36 parts of 550 would be 19800 bytes; a part that overflows 20000 resets.
    EXPECT_FALSE(r.addPart(part(18, 3, 0, 15000)));
    EXPECT_FALSE(r.addPart(part(18, 3, 1, 5000)));
    EXPECT_FALSE(r.addPart(part(18, 3, 2, 1)));
    EXPECT_FALSE(r.inProgress());

    EXPECT_FALSE(r.addPart(part(18, 2, 0, 15000)));
    const auto m = r.addPart(part(18, 2, 1, 5000));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->payload.size(), 20000u);
}

}  // namespace
}  // namespace tutti::protocol
