// The socket reader as the mix thread drives it (issue 13): what one drainNow() hands on and to
// whom, that one call is bounded whatever is queued, and that the idle wait returns. Real UDP
// sockets on 127.0.0.1.
#include "src/engine/receiver.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include "loopback_socket.h"
#include "protocol/framing.h"
#include "thread_names.h"

namespace tutti::engine {
namespace {

// A peer on 127.0.0.1 with a socket of its own.
class Peer {
  public:
    const net::PeerAddress& address() const { return socket_.address(); }
    void send(uint16_t port, const std::vector<uint8_t>& bytes) {
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        to.sin_port = htons(port);
        ASSERT_EQ(sendto(socket_.fd(), bytes.data(), bytes.size(), 0,
                         reinterpret_cast<sockaddr*>(&to), sizeof(to)),
                  static_cast<ssize_t>(bytes.size()));
    }

  private:
    test::LoopbackSocket socket_;
};

class ReceiverTest : public ::testing::Test {
  protected:
    ReceiverTest() : link_(4) {
        const net::SocketConfig cfg = test::loopbackServerConfig();
        EXPECT_EQ(socket_.open(cfg), "");
        receiver_ = std::make_unique<Receiver>(socket_, link_);
    }
    void bindSlot(int slot, const net::PeerAddress& a, uint32_t generation) {
        link_.rxCommands.push(test::bindCommand(slot, a, generation));
    }
    // Waits (bounded) until the kernel has something for the server's socket, so that a
    // non-blocking drain right after a send on loopback is not a race.
    bool readable() {
        pollfd p{socket_.fd(), POLLIN, 0};
        return poll(&p, 1, 1000) == 1;
    }
    bool controlWoken() {
        pollfd p{link_.wakeFd(), POLLIN, 0};
        return poll(&p, 1, 0) == 1;
    }
    uint64_t received() const { return link_.counters.datagramsReceived.load(); }

    RtLink link_;
    net::UdpSocket socket_;
    std::unique_ptr<Receiver> receiver_;
};

TEST_F(ReceiverTest, DrainHandsAudioToItsChannelAndMessagesToTheControlThread) {
    Peer client;
    Peer stranger;
    bindSlot(2, client.address(), 7);
    const std::vector<uint8_t> audio(71, 0x5a);
    const std::vector<uint8_t> payload = {1, 2, 3, 4};
    const std::vector<uint8_t> message = protocol::encodeFrame(1001, 9, payload);  // a CLM_PING_MS
    client.send(socket_.localPort(), audio);
    client.send(socket_.localPort(), message);
    stranger.send(socket_.localPort(), audio);
    ASSERT_TRUE(readable());
    // Loopback delivers in order; wait for the last one to be queued before draining once.
    for (int i = 0; i < 100 && received() < 3; ++i) {
        receiver_->drainNow();
        if (received() < 3) {
            readable();
        }
    }
    ASSERT_EQ(received(), 3u);

    AudioPacket* p = link_.audio[2]->beginRead();
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->generation, 7u);
    EXPECT_EQ(p->size, audio.size());
    link_.audio[2]->commitRead();
    EXPECT_EQ(link_.audio[2]->beginRead(), nullptr);

    InboundDatagram* d = link_.inbound.beginRead();
    ASSERT_NE(d, nullptr);
    EXPECT_FALSE(d->unknownAudio);
    EXPECT_EQ(d->from, client.address());
    // The message arrives parsed: the control thread reads its header without parsing again.
    EXPECT_EQ(d->frame().id, 1001);
    EXPECT_EQ(d->frame().counter, 9);
    EXPECT_EQ(std::vector<uint8_t>(d->frame().payload.begin(), d->frame().payload.end()), payload);
    link_.inbound.commitRead();
    d = link_.inbound.beginRead();
    ASSERT_NE(d, nullptr);
    EXPECT_TRUE(d->unknownAudio);  // the control thread decides whether it opens a channel
    EXPECT_EQ(d->from, stranger.address());
    link_.inbound.commitRead();
    EXPECT_TRUE(controlWoken());
}

TEST_F(ReceiverTest, OneDrainReadsAtMost1024DatagramsAndLeavesTheRestQueued) {
    Peer flooder;
    const std::vector<uint8_t> junk(16, 0xee);
    constexpr int kSent = 1100;
    for (int i = 0; i < kSent; ++i) {
        flooder.send(socket_.localPort(), junk);
    }
    ASSERT_TRUE(readable());
    receiver_->drainNow();
    EXPECT_EQ(received(), 1024u);
    receiver_->drainNow();
    EXPECT_EQ(received(), static_cast<uint64_t>(kSent));
    // The repeats of one unknown address were shed before the control thread, and counted.
    EXPECT_EQ(link_.counters.droppedNewcomerRepeats.load(), static_cast<uint64_t>(kSent - 1));
}

TEST_F(ReceiverTest, IdleWaitReturnsAtItsTimeOutOrAsSoonAsADatagramArrives) {
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    receiver_->waitAndDrain(30'000'000);
    const auto waited = Clock::now() - t0;
    EXPECT_GE(waited, std::chrono::milliseconds(25));
    EXPECT_LT(waited, std::chrono::seconds(2));
    EXPECT_EQ(received(), 0u);

    Peer client;
    client.send(socket_.localPort(), std::vector<uint8_t>(10, 1));
    t0 = Clock::now();
    receiver_->waitAndDrain(5'000'000'000);
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(2));
    EXPECT_EQ(received(), 1u);
}

TEST_F(ReceiverTest, BindingsFromTheControlThreadApplyOnTheIdleWaitToo) {
    Peer client;
    bindSlot(1, client.address(), 3);
    receiver_->waitAndDrain(1'000'000);  // nothing arrives: the binding is still taken
    client.send(socket_.localPort(), std::vector<uint8_t>(71, 2));
    ASSERT_TRUE(readable());
    receiver_->drainNow();
    AudioPacket* p = link_.audio[1]->beginRead();
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->generation, 3u);
}

TEST_F(ReceiverTest, ItsThreadIsNamedForTopAndPs) {
    receiver_->start();
    const bool named = test::threadNamed("tutti-receive");
    receiver_->stop();
    EXPECT_TRUE(named);
}

}  // namespace
}  // namespace tutti::engine
