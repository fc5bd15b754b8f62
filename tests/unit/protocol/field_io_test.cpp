#include "protocol/field_io.h"

#include <gtest/gtest.h>

#include "message_test_util.h"

namespace tutti::protocol {
namespace {

using test::Bytes;
using test::concat;
using test::str16;
using test::str8;

// One layout that uses the whole vocabulary, visited by both adapters.
struct Item {
    std::uint16_t id = 0;
    std::string tag;
    bool operator==(const Item&) const = default;
};

struct Sample {
    std::uint8_t small = 0;
    std::uint16_t medium = 0;
    std::uint32_t large = 0;
    std::string name;  // at most 4 UTF-16 units
    std::string label;
    std::vector<Item> items;
    bool operator==(const Sample&) const = default;
};

constexpr auto kSampleFields = [](auto& io, auto& s) {
    io.u8(s.small);
    io.u16(s.medium);
    io.u32(s.large);
    io.unusedU32();
    io.string16(s.name, 4);
    io.string8(s.label, 10);
    io.require(s.small != 0xFF);
    io.untilEnd(s.items, [](auto& io, auto& item) {
        io.u16(item.id);
        io.string8(item.tag, 3);
    });
};

struct Tail {
    std::uint8_t kind = 0;
    std::vector<std::uint8_t> data;
    bool operator==(const Tail&) const = default;
};

constexpr auto kTailFields = [](auto& io, auto& t) {
    io.u8(t.kind);
    io.rest(t.data);
};

const Sample kSample{7, 0x1234, 0xA1B2C3D4, "näme", "lbl", {{1, "ab"}, {0x0302, ""}}};

const Bytes kSampleBytes = concat({{7, 0x34, 0x12, 0xD4, 0xC3, 0xB2, 0xA1, 0, 0, 0, 0},
                                   str16("näme"),
                                   str8("lbl"),
                                   {1, 0},
                                   str8("ab"),
                                   {2, 3},
                                   str8("")});

TEST(FieldIo, WriterLaysOutLittleEndianInOrder) {
    EXPECT_EQ(writeFields(kSample, kSampleFields), kSampleBytes);
}

TEST(FieldIo, ReaderReadsBackWhatTheWriterWrote) {
    const auto back = readFields<Sample>(writeFields(kSample, kSampleFields), kSampleFields);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, kSample);

    const Tail tail{9, {1, 2, 3}};
    EXPECT_EQ(writeFields(tail, kTailFields), (Bytes{9, 1, 2, 3}));
    EXPECT_EQ(readFields<Tail>(Bytes{9, 1, 2, 3}, kTailFields), tail);
    EXPECT_EQ(readFields<Tail>(Bytes{9}, kTailFields), (Tail{9, {}}));
}

TEST(FieldIo, EveryShortPayloadFails) {
    // Cuts inside the fixed part and inside a list item alike; cutting exactly between list
    // items leaves a valid, shorter list, so those lengths are skipped.
    const std::size_t itemsStart = kSampleBytes.size() - 8;
    for (std::size_t n = 0; n < kSampleBytes.size(); ++n) {
        if (n == itemsStart || n == itemsStart + 5) {
            continue;
        }
        const Bytes cut(kSampleBytes.begin(), kSampleBytes.begin() + static_cast<long>(n));
        EXPECT_FALSE(readFields<Sample>(cut, kSampleFields)) << "length " << n;
    }
    EXPECT_FALSE(readFields<Tail>(Bytes{}, kTailFields));
}

TEST(FieldIo, ListItemBoundariesGiveShorterLists) {
    const std::size_t itemsStart = kSampleBytes.size() - 8;
    const Bytes noItems(kSampleBytes.begin(), kSampleBytes.begin() + static_cast<long>(itemsStart));
    const auto none = readFields<Sample>(noItems, kSampleFields);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->items.empty());
    const Bytes oneItem(kSampleBytes.begin(),
                        kSampleBytes.begin() + static_cast<long>(itemsStart + 5));
    const auto one = readFields<Sample>(oneItem, kSampleFields);
    ASSERT_TRUE(one);
    EXPECT_EQ(one->items, (std::vector<Item>{{1, "ab"}}));
}

TEST(FieldIo, TrailingByteFailsAFixedLayout) {
    constexpr auto kTwo = [](auto& io, auto& v) { io.u16(v); };
    EXPECT_EQ(readFields<std::uint16_t>(Bytes{0x01, 0x02}, kTwo), 0x0201);
    EXPECT_FALSE(readFields<std::uint16_t>(Bytes{0x01, 0x02, 0x03}, kTwo));
}

TEST(FieldIo, UnusedFieldIsWrittenAsZeroAndIgnoredWhenRead) {
    Bytes bytes = kSampleBytes;
    bytes[7] = 0xEE;
    bytes[10] = 0x7F;
    EXPECT_EQ(readFields<Sample>(bytes, kSampleFields), kSample);
}

TEST(FieldIo, ReceiveLimitsAndChecksBindOnlyTheReader) {
    Sample longName = kSample;
    longName.name = "fives";  // 5 units, the limit is 4
    const Bytes written = writeFields(longName, kSampleFields);
    EXPECT_EQ(Bytes(written.begin() + 11, written.begin() + 18), str16("fives"));  // as given
    EXPECT_FALSE(readFields<Sample>(written, kSampleFields));

    // Four units in more than four bytes still pass: the limit counts UTF-16 units.
    Sample wide = kSample;
    wide.name = "äöüß";
    EXPECT_EQ(readFields<Sample>(writeFields(wide, kSampleFields), kSampleFields), wide);

    Sample refused = kSample;
    refused.small = 0xFF;
    const Bytes refusedBytes = writeFields(refused, kSampleFields);
    EXPECT_EQ(refusedBytes[0], 0xFF);
    EXPECT_FALSE(readFields<Sample>(refusedBytes, kSampleFields));
}

}  // namespace
}  // namespace tutti::protocol
