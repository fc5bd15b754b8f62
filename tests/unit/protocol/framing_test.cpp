#include "protocol/framing.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace tutti::protocol {
namespace {

const std::vector<std::uint8_t> kClientId = {0x00, 0x00, 0x20, 0x00, 0x00,
                                             0x01, 0x00, 0x00, 0xf9, 0xcc};
const std::vector<std::uint8_t> kEmptyReqSplit = {0x00, 0x00, 0x22, 0x00, 0x02,
                                                  0x00, 0x00, 0x66, 0x2c};

TEST(ParseFrame, AcceptsCapturedClientId) {
    const auto f = parseFrame(kClientId);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->id, 32);
    EXPECT_EQ(f->counter, 0);
    ASSERT_EQ(f->payload.size(), 1u);
    EXPECT_EQ(f->payload[0], 0);
}

TEST(ParseFrame, AcceptsEmptyPayload) {
    const auto f = parseFrame(kEmptyReqSplit);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->id, 34);
    EXPECT_EQ(f->counter, 2);
    EXPECT_TRUE(f->payload.empty());
}

TEST(ParseFrame, RejectsTooShort) {
    std::vector<std::uint8_t> d(kEmptyReqSplit.begin(), kEmptyReqSplit.end() - 1);
    EXPECT_FALSE(parseFrame(d));
    EXPECT_FALSE(parseFrame({}));
}

TEST(ParseFrame, RejectsNonZeroTag) {
    // Encoded Opus silence from Jamulus starts 00 ff fe.
    auto d = kClientId;
    d[1] = 0xff;
    EXPECT_FALSE(parseFrame(d));
    d = kClientId;
    d[0] = 0x01;
    EXPECT_FALSE(parseFrame(d));
}

TEST(ParseFrame, RejectsLengthMismatch) {
    auto d = kClientId;
    d.push_back(0);
    EXPECT_FALSE(parseFrame(d));
    d = kClientId;
    d[5] = 2;
    EXPECT_FALSE(parseFrame(d));
}

TEST(ParseFrame, RejectsBadCrc) {
    auto d = kClientId;
    d[9] ^= 0x01;
    EXPECT_FALSE(parseFrame(d));
    d = kClientId;
    d[7] = 1;  // payload changed, CRC not
    EXPECT_FALSE(parseFrame(d));
}

TEST(EncodeFrame, ReproducesCapturedBytes) {
    const std::array<std::uint8_t, 1> payload{0};
    EXPECT_EQ(encodeFrame(32, 0, payload), kClientId);
    EXPECT_EQ(encodeFrame(34, 2, {}), kEmptyReqSplit);
}

TEST(EncodeFrame, RoundTripsThroughParse) {
    std::vector<std::uint8_t> payload(1000);
    for (std::size_t i = 0; i < payload.size(); ++i) {
        payload[i] = static_cast<std::uint8_t>(i);
    }
    const auto d = encodeFrame(2001, 200, payload);
    ASSERT_EQ(d.size(), payload.size() + 9);
    const auto f = parseFrame(d);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->id, 2001);
    EXPECT_EQ(f->counter, 200);
    EXPECT_TRUE(std::equal(f->payload.begin(), f->payload.end(), payload.begin(), payload.end()));
}

TEST(EncodeFrame, RefusesPayloadBeyondLengthField) {
    std::vector<std::uint8_t> payload(0x10000);
    EXPECT_TRUE(encodeFrame(18, 0, payload).empty());
    std::vector<std::uint8_t> out(0x10000 + 9);
    EXPECT_EQ(encodeFrameInto(18, 0, payload, out), 0u);
}

TEST(EncodeFrameInto, WritesIntoBufferOrReportsTooSmall) {
    const std::array<std::uint8_t, 1> payload{0};
    std::array<std::uint8_t, 16> out{};
    ASSERT_EQ(encodeFrameInto(32, 0, payload, out), kClientId.size());
    EXPECT_TRUE(std::equal(kClientId.begin(), kClientId.end(), out.begin()));
    std::array<std::uint8_t, 9> small{};
    EXPECT_EQ(encodeFrameInto(32, 0, payload, small), 0u);
}

TEST(IsConnectionlessId, CoversExactly1000To1999) {
    EXPECT_FALSE(isConnectionlessId(999));
    EXPECT_TRUE(isConnectionlessId(1000));
    EXPECT_TRUE(isConnectionlessId(1015));
    EXPECT_TRUE(isConnectionlessId(1999));
    EXPECT_FALSE(isConnectionlessId(2000));
    EXPECT_FALSE(isConnectionlessId(2001));
    EXPECT_FALSE(isConnectionlessId(1));
}

}  // namespace
}  // namespace tutti::protocol
