#include "protocol/level_list_datagram.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "protocol/connectionless_messages.h"
#include "protocol/framing.h"

namespace tutti::protocol {
namespace {

TEST(LevelListDatagram, MatchesCapturedBytes) {
    // Capture 01 at 4.000235: one channel at level 8.
    const std::array<std::uint8_t, 1> levels{8};
    std::array<std::uint8_t, 32> out{};
    const std::size_t n = encodeLevelListDatagram(levels, out);
    const std::vector<std::uint8_t> expected = {0x00, 0x00, 0xf7, 0x03, 0x00,
                                                0x01, 0x00, 0xf8, 0xc9, 0x20};
    ASSERT_EQ(n, expected.size());
    EXPECT_TRUE(std::equal(expected.begin(), expected.end(), out.begin()));
}

TEST(LevelListDatagram, AgreesWithMessageEncoder) {
    std::vector<std::uint8_t> levels;
    std::array<std::uint8_t, 200> out{};
    for (std::uint8_t count = 0; count < 150; ++count) {
        const std::size_t n = encodeLevelListDatagram(levels, out);
        ASSERT_EQ(n, levelListDatagramBytes(levels.size()));
        const auto expected = encodeFrame(1015, 0, ClmChannelLevelListMsg{levels}.encode());
        ASSERT_TRUE(std::equal(expected.begin(), expected.end(), out.begin(), out.begin() + n))
            << "count " << int(count);
        levels.push_back(static_cast<std::uint8_t>(count % 10));
    }
}

TEST(LevelListDatagram, TooSmallBufferWritesNothing) {
    const std::array<std::uint8_t, 3> levels{1, 2, 3};
    std::array<std::uint8_t, 10> out{};
    EXPECT_EQ(encodeLevelListDatagram(levels, out), 0u);
}

}  // namespace
}  // namespace tutti::protocol
