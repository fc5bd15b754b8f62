#include "protocol/messages.h"

#include <gtest/gtest.h>

#include <variant>

#include "message_test_util.h"

namespace tutti::protocol {
namespace {

using test::Bytes;

TEST(DecodeMessage, DispatchesById) {
    const auto m = decodeMessage(32, Bytes{3});
    ASSERT_TRUE(m);
    ASSERT_TRUE(std::holds_alternative<ClientIdMsg>(*m));
    EXPECT_EQ(std::get<ClientIdMsg>(*m).channel, 3);
    EXPECT_EQ(messageId(*m), 32);
}

TEST(DecodeMessage, InvalidPayloadOfKnownIdIsNullopt) {
    EXPECT_FALSE(decodeMessage(32, Bytes{}));
    EXPECT_FALSE(decodeMessage(10, Bytes{0, 0}));
    EXPECT_FALSE(decodeMessage(1016, Bytes{9}));
}

TEST(DecodeMessage, UnknownAndObsoleteIdsKeepTheirPayload) {
    for (std::uint16_t id :
         {0, 2, 12, 14, 15, 17, 19, 22, 37, 99, 999, 1000, 1023, 1999, 2000, 2002, 65535}) {
        const auto m = decodeMessage(id, Bytes{1, 2});
        ASSERT_TRUE(m) << id;
        ASSERT_TRUE(std::holds_alternative<UnknownMsg>(*m)) << id;
        EXPECT_EQ(std::get<UnknownMsg>(*m).payload, (Bytes{1, 2}));
        EXPECT_EQ(messageId(*m), id);
        EXPECT_EQ(encodeMessage(*m), (Bytes{1, 2}));
        EXPECT_FALSE(isKnownId(id)) << id;
    }
}

TEST(DecodeMessage, EveryCatalogueIdIsKnown) {
    for (std::uint16_t id : {1,  10, 11, 13, 16, 18, 20, 21, 23, 24, 25,  26,
                             27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 2001}) {
        EXPECT_TRUE(isKnownId(id)) << id;
    }
    for (std::uint16_t id = 1001; id <= 1022; ++id) {
        EXPECT_TRUE(isKnownId(id)) << id;
    }
}

TEST(EncodeMessage, UsesTheAlternativesEncoder) {
    AnyMessage m = ChatTextMsg{"hi"};
    EXPECT_EQ(encodeMessage(m), (Bytes{2, 0, 'h', 'i'}));
    EXPECT_EQ(messageId(m), 18);
    m = ClmDisconnectionMsg{};
    EXPECT_TRUE(encodeMessage(m).empty());
    EXPECT_EQ(messageId(m), 1010);
}

}  // namespace
}  // namespace tutti::protocol
