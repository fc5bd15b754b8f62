// Random mutations of every captured protocol datagram through the whole receive path. The
// decoders must never crash, never read out of bounds (run under ASan/UBSan to check) and
// every message they accept must survive encode/decode unchanged.
#include <gtest/gtest.h>

#include <random>
#include <variant>

#include "capture_file.h"
#include "protocol/crc.h"
#include "protocol/framing.h"
#include "protocol/messages.h"
#include "protocol/session.h"

namespace tutti::protocol {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr int kMutatedDatagrams = 1'000'000;

class Mutator {
  public:
    explicit Mutator(std::uint64_t seed) : rng_(seed) {}

    std::size_t below(std::size_t n) { return n == 0 ? 0 : rng_() % n; }
    bool coin() { return rng_() & 1; }
    std::uint8_t byte() { return static_cast<std::uint8_t>(rng_()); }

    void mutate(Bytes& d) {
        switch (below(8)) {
            case 0:  // bit flip
                if (!d.empty()) {
                    d[below(d.size())] ^= static_cast<std::uint8_t>(1u << below(8));
                }
                break;
            case 1:  // truncate
                d.resize(below(d.size() + 1));
                break;
            case 2:  // extend
                for (std::size_t n = 1 + below(40); n > 0; --n) {
                    d.push_back(byte());
                }
                break;
            case 3:  // insert a byte
                d.insert(d.begin() + static_cast<std::ptrdiff_t>(below(d.size() + 1)), byte());
                break;
            case 4:  // delete a byte
                if (!d.empty()) {
                    d.erase(d.begin() + static_cast<std::ptrdiff_t>(below(d.size())));
                }
                break;
            case 5:  // length field tweak
                if (d.size() >= 7) {
                    d[5] = static_cast<std::uint8_t>(d[5] + (coin() ? 1 : -1));
                    if (coin()) {
                        d[6] = byte();
                    }
                }
                break;
            case 6:  // another message id, so each decoder meets foreign payloads
                if (d.size() >= 4) {
                    const std::uint16_t id = pickId();
                    d[2] = static_cast<std::uint8_t>(id);
                    d[3] = static_cast<std::uint8_t>(id >> 8);
                }
                break;
            default:  // overwrite a byte inside the payload, often a string length
                if (d.size() > 9) {
                    d[7 + below(d.size() - 9)] = coin() ? byte() : static_cast<std::uint8_t>(0xFF);
                }
                break;
        }
    }

    // Recomputes length and CRC so the mutated datagram still classifies as protocol.
    static void repairFrame(Bytes& d) {
        if (d.size() < 9 || d.size() - 9 > 0xFFFF) {
            return;
        }
        d[0] = 0;
        d[1] = 0;
        const auto n = static_cast<std::uint16_t>(d.size() - 9);
        d[5] = static_cast<std::uint8_t>(n);
        d[6] = static_cast<std::uint8_t>(n >> 8);
        const std::uint16_t crc = crc16(std::span(d).first(d.size() - 2));
        d[d.size() - 2] = static_cast<std::uint8_t>(crc);
        d[d.size() - 1] = static_cast<std::uint8_t>(crc >> 8);
    }

  private:
    std::uint16_t pickId() {
        static constexpr std::uint16_t kIds[] = {
            1,    10,   11,   13,   16,   18,   20,   21,   23,   24,   25,   26,   27,
            28,   29,   30,   31,   32,   33,   34,   35,   36,   2001, 1001, 1002, 1004,
            1006, 1008, 1011, 1013, 1015, 1016, 1017, 1018, 1019, 1021, 99,   0};
        return kIds[below(std::size(kIds))];
    }

    std::mt19937_64 rng_;
};

TEST(ProtocolFuzz, MutatedCaptureDatagramsNeverBreakTheReceivePath) {
    std::vector<Bytes> seeds;
    for (const auto& d : test::loadAllCaptures()) {
        if (parseFrame(d.bytes)) {
            seeds.push_back(d.bytes);
        }
    }
    ASSERT_GT(seeds.size(), 2500u);

    Mutator mut(20240611);
    Session session;
    session.setPeerSupportsSplit(true);
    auto now = Clock::time_point{} + std::chrono::hours(1);

    int framed = 0;
    int decoded = 0;
    int delivered = 0;
    int unstable = 0;
    Bytes d;
    for (int i = 0; i < kMutatedDatagrams; ++i) {
        const Bytes& seed = seeds[mut.below(seeds.size())];
        d.assign(seed.begin(), seed.end());
        for (std::size_t n = 1 + mut.below(4); n > 0; --n) {
            mut.mutate(d);
        }
        if (i % 2 == 0) {
            Mutator::repairFrame(d);
        }

        const auto frame = parseFrame(d);
        if (!frame) {
            continue;
        }
        ++framed;
        if (const auto message = decodeMessage(frame->id, frame->payload)) {
            ++decoded;
            // Whatever is accepted must encode to something that decodes to the same thing.
            const auto again = decodeMessage(messageId(*message), encodeMessage(*message));
            if (!again || !(*again == *message)) {
                ++unstable;
            }
        }
        if (const auto received = session.receive(*frame, now)) {
            ++delivered;
            decodeMessage(received->id, received->payload);  // reassembled payloads too
            if (i % 64 == 0) {
                session.send(received->id, received->payload, now);
            }
        }
        now += std::chrono::milliseconds(mut.below(50));
        session.poll(now);
        if (i % 16 == 0) {
            session.takeOutgoing();
        }
        if (i % 100'000 == 0) {
            session.reset();
            session.setPeerSupportsSplit(true);
        }
    }
    EXPECT_EQ(unstable, 0);
    // The mix of mutations must actually reach the decoders, not just the classifier.
    EXPECT_GT(framed, kMutatedDatagrams / 3);
    EXPECT_GT(decoded, kMutatedDatagrams / 10);
    EXPECT_GT(delivered, 0);
    RecordProperty("framed", framed);
    RecordProperty("decoded", decoded);
}

}  // namespace
}  // namespace tutti::protocol
