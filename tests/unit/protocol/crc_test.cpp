#include "protocol/crc.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace tutti::protocol {
namespace {

std::uint16_t crcOf(std::vector<std::uint8_t> bytes) {
    return crc16(bytes);
}

TEST(Crc16, CatalogueCheckValue) {
    constexpr std::string_view kCheck = "123456789";
    const std::vector<std::uint8_t> bytes(kCheck.begin(), kCheck.end());
    EXPECT_EQ(crc16(bytes), 0xD64E);
}

TEST(Crc16, WorkedExampleClientId) {
    // PROTOCOL.md 3.2: CLIENT_ID for channel 0, sent as f9 cc.
    EXPECT_EQ(crcOf({0x00, 0x00, 0x20, 0x00, 0x00, 0x01, 0x00, 0x00}), 0xCCF9);
}

TEST(Crc16, WorkedExampleAckn) {
    EXPECT_EQ(crcOf({0x00, 0x00, 0x01, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00}), 0xB462);
}

TEST(Crc16, EmptyInputIsInvertedInitialValue) {
    EXPECT_EQ(crcOf({}), 0x0000);
}

TEST(Crc16, MatchesBitwiseDefinition) {
    // The table form must agree with the spec's bit-by-bit description on arbitrary data.
    std::vector<std::uint8_t> data;
    for (int i = 0; i < 300; ++i) {
        data.push_back(static_cast<std::uint8_t>(i * 37 + 11));
        std::uint16_t reg = 0xFFFF;
        for (std::uint8_t byte : data) {
            for (int bit = 7; bit >= 0; --bit) {
                const int feedback = ((reg >> 15) & 1) ^ ((byte >> bit) & 1);
                reg = static_cast<std::uint16_t>(reg << 1);
                if (feedback) {
                    reg ^= 0x1021;
                }
            }
        }
        ASSERT_EQ(crc16(data), static_cast<std::uint16_t>(reg ^ 0xFFFF)) << "length " << i + 1;
    }
}

}  // namespace
}  // namespace tutti::protocol
