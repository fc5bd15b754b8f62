// Reading the two steered sockets (issue 13): protocol messages reach the control thread on
// arrival through the receive thread, audio reaches its channel when the mix thread reads
// before a tick, and a flood moves the audio socket to the receive thread until it has passed.
// Real UDP sockets on 127.0.0.1; every wait is bounded.
#include "src/engine/steered_receive.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <functional>
#include <vector>

#include "loopback_socket.h"
#include "protocol/framing.h"
#include "src/net/steered_sockets.h"

namespace tutti::engine {
namespace {

using Clock = std::chrono::steady_clock;

bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = Clock::now() + limit;
    while (!done()) {
        if (Clock::now() > end) {
            return false;
        }
        pollfd none{-1, 0, 0};
        poll(&none, 1, 2);  // a 2 ms pause between looks
    }
    return true;
}

class SteeredReceiveTest : public ::testing::Test {
  protected:
    SteeredReceiveTest() : link_(4) {
        const net::SocketConfig cfg = test::loopbackServerConfig();
        const net::SteeredSockets opened = net::openSteeredSockets(cfg, protocol_, audio_);
        EXPECT_EQ(opened.error, "");
        EXPECT_EQ(opened.notSteered, "");
        link_.audioReader = true;
        reader_ = std::make_unique<SteeredReceive>(protocol_, audio_, link_);
        reader_->start();
    }
    ~SteeredReceiveTest() override { reader_->stop(); }

    void bindSlot(int slot, const net::PeerAddress& a, uint32_t generation) {
        link_.commandReaders(test::bindCommand(slot, a, generation));
    }
    void send(const test::LoopbackSocket& from, const std::vector<uint8_t>& bytes) {
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        to.sin_port = htons(protocol_.localPort());
        ASSERT_EQ(sendto(from.fd(), bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&to),
                         sizeof(to)),
                  static_cast<ssize_t>(bytes.size()));
    }
    bool audioReadable() {
        pollfd p{audio_.fd(), POLLIN, 0};
        return poll(&p, 1, 1000) == 1;
    }
    // The mix thread's read before a tick, repeated (bounded) until `slot` has a packet.
    bool tickUntilAudioIn(int slot) {
        return waitFor(
            [&] {
                reader_->drainNow();
                return link_.audio[slot]->beginRead() != nullptr;
            },
            std::chrono::milliseconds(2000));
    }
    int audioPackets(int slot) {
        int n = 0;
        while (link_.audio[slot]->beginRead() != nullptr) {
            link_.audio[slot]->commitRead();
            ++n;
        }
        return n;
    }

    RtLink link_;
    net::UdpSocket protocol_;
    net::UdpSocket audio_;
    std::unique_ptr<SteeredReceive> reader_;
    const std::vector<uint8_t> audioBytes_ = std::vector<uint8_t>(71, 0x5a);
};

TEST_F(SteeredReceiveTest, MessagesArriveWithoutATickAndAudioWithTheTick) {
    test::LoopbackSocket client;
    test::LoopbackSocket stranger;
    bindSlot(2, client.address(), 7);

    // A ping reaches the control thread with no read by the mix thread at all.
    send(client, protocol::encodeFrame(1001, 9, std::vector<uint8_t>{1, 2, 3, 4}));
    ASSERT_TRUE(waitFor([&] { return link_.inbound.beginRead() != nullptr; },
                        std::chrono::milliseconds(2000)));
    EXPECT_EQ(link_.inbound.beginRead()->frame().id, 1001);
    EXPECT_EQ(link_.inbound.beginRead()->from, client.address());
    link_.inbound.commitRead();

    // Audio waits in its socket for the mix thread's read, then lands in the channel's ring.
    send(client, audioBytes_);
    ASSERT_TRUE(audioReadable());
    EXPECT_EQ(link_.audio[2]->beginRead(), nullptr);
    ASSERT_TRUE(tickUntilAudioIn(2));
    EXPECT_EQ(link_.audio[2]->beginRead()->generation, 7u);
    EXPECT_EQ(audioPackets(2), 1);

    // A stranger's audio goes to the control thread (it may open a channel) through the audio
    // reader's own ring.
    send(stranger, audioBytes_);
    ASSERT_TRUE(audioReadable());
    ASSERT_TRUE(waitFor(
        [&] {
            reader_->drainNow();
            return link_.audioInbound.beginRead() != nullptr;
        },
        std::chrono::milliseconds(2000)));
    EXPECT_TRUE(link_.audioInbound.beginRead()->unknownAudio);
    EXPECT_EQ(link_.audioInbound.beginRead()->from, stranger.address());

    // Three bytes starting with the zero tag reach the protocol socket; from a client they are
    // dropped and counted there, never fed to the channel from the wrong thread.
    send(client, {0, 0, 1});
    ASSERT_TRUE(waitFor([&] { return link_.counters.droppedAudioOnProtocolSocket.load() == 1; },
                        std::chrono::milliseconds(2000)));
    EXPECT_EQ(audioPackets(2), 0);
    EXPECT_EQ(link_.counters.floodHandovers.load(), 0u);
    EXPECT_FALSE(reader_->audioOnReceiveThread());
}

TEST_F(SteeredReceiveTest, AFloodMovesTheAudioSocketToTheReceiveThreadUntilItPasses) {
    test::LoopbackSocket client;
    test::LoopbackSocket flooder;
    bindSlot(1, client.address(), 3);
    const std::vector<uint8_t> junk(16, 0xee);
    for (std::size_t i = 0; i < SteeredReceive::kFloodFromStrangersPerRead * 3; ++i) {
        send(flooder, junk);
    }
    ASSERT_TRUE(audioReadable());
    ASSERT_TRUE(waitFor(
        [&] {
            reader_->drainNow();
            return reader_->audioOnReceiveThread();
        },
        std::chrono::milliseconds(2000)));
    EXPECT_EQ(link_.counters.floodHandovers.load(), 1u);

    // Meanwhile the receive thread delivers the client's audio; the mix thread's reads do not
    // touch the socket.
    send(client, audioBytes_);
    ASSERT_TRUE(waitFor([&] { return link_.audio[1]->beginRead() != nullptr; },
                        std::chrono::milliseconds(2000)));
    EXPECT_EQ(audioPackets(1), 1);

    // A second without a flood gives the socket back to the mix thread.
    const auto quietFrom = Clock::now();
    ASSERT_TRUE(
        waitFor([&] { return !reader_->audioOnReceiveThread(); }, std::chrono::milliseconds(5000)));
    EXPECT_GE(Clock::now() - quietFrom, std::chrono::milliseconds(900));
    send(client, audioBytes_);
    ASSERT_TRUE(audioReadable());
    ASSERT_TRUE(tickUntilAudioIn(1));
    EXPECT_EQ(audioPackets(1), 1);
    EXPECT_EQ(link_.counters.floodHandovers.load(), 1u);
}

}  // namespace
}  // namespace tutti::engine
