// The mix thread's tick, driven directly (no clock): audio goes in through the receive rings,
// personal mixes come out of a real UDP socket on 127.0.0.1 and are decoded and measured.
#include "src/engine/mix_engine.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <numbers>

#include "audio/opus_codec.h"
#include "loopback_socket.h"
#include "protocol/framing.h"
#include "protocol/messages.h"
#include "tone.h"

namespace tutti::engine {
namespace {

using audio::test::rms;
using audio::test::sineSample;
using audio::test::toneAmplitude;

// A fake client: a UDP socket the engine sends the personal mix to, plus an encoder for the audio
// it "sends" (pushed straight into the receive ring, as the receive thread would).
class FakeClient {
  public:
    FakeClient(const audio::OpusCustomModes& modes, TransportProps props, double toneHz,
               double amplitude)
        : props_(props),
          encoder_(modes, props.frameSamples, props.channels),
          decoder_(modes, props.frameSamples, props.channels),
          toneHz_(toneHz),
          amplitude_(amplitude) {
        encoder_.configure(props.codedBytes);
    }

    const net::PeerAddress& address() const { return socket_.address(); }
    const TransportProps& props() const { return props_; }

    // One datagram of this client's tone (silence when amplitude is 0).
    void sendAudio(SpscRing<AudioPacket>& ring, uint32_t generation) {
        AudioPacket* p = ring.beginWrite();
        ASSERT_NE(p, nullptr);
        p->generation = generation;
        int off = 0;
        std::vector<int16_t> pcm(static_cast<std::size_t>(props_.frameSamples * props_.channels));
        for (int f = 0; f < props_.blockFactor; ++f) {
            for (int i = 0; i < props_.frameSamples; ++i) {
                const int16_t s = sineSample(toneHz_, amplitude_, sample_++);
                for (int c = 0; c < props_.channels; ++c) {
                    pcm[static_cast<std::size_t>(i * props_.channels + c)] = s;
                }
            }
            encoder_.encode(pcm.data(), p->bytes + off, props_.codedBytes);
            off += props_.codedBytes;
            if (props_.sequenceNumbers) {
                p->bytes[off++] = seq_++;
            }
        }
        p->size = static_cast<uint16_t>(off);
        ring.commitWrite();
    }

    // Reads everything the engine sent; decodes audio, keeps protocol frames aside.
    void receive() {
        uint8_t buf[2048];
        ssize_t n;
        while ((n = recv(socket_.fd(), buf, sizeof(buf), 0)) > 0) {
            std::span<const uint8_t> d(buf, static_cast<std::size_t>(n));
            if (auto f = protocol::parseFrame(d)) {
                levelLists.push_back(protocol::ClmChannelLevelListMsg::decode(f->payload)->levels);
                continue;
            }
            datagramSizes.push_back(static_cast<int>(n));
            raw.emplace_back(buf, buf + n);
            if (static_cast<int>(n) != props_.datagramBytes()) {
                continue;
            }
            std::vector<int16_t> pcm(
                static_cast<std::size_t>(props_.frameSamples * props_.channels));
            for (int f = 0; f < props_.blockFactor; ++f) {
                const uint8_t* frame = buf + f * props_.frameBytes();
                if (props_.sequenceNumbers) {
                    sequence.push_back(frame[props_.codedBytes]);
                }
                decoder_.decode(frame, props_.codedBytes, pcm.data());
                decoded.insert(decoded.end(), pcm.begin(), pcm.end());
            }
        }
    }

    // Samples of the last `frames` decoded frames (one channel interleaving kept).
    std::vector<int16_t> lastSamples(int samples) const {
        const std::size_t n = static_cast<std::size_t>(samples * props_.channels);
        if (decoded.size() < n) {
            return {};
        }
        return std::vector<int16_t>(decoded.end() - static_cast<std::ptrdiff_t>(n), decoded.end());
    }
    void clearReceived() {
        decoded.clear();
        datagramSizes.clear();
        levelLists.clear();
        sequence.clear();
        raw.clear();
    }

    std::vector<int16_t> decoded;
    std::vector<int> datagramSizes;
    std::vector<std::vector<uint8_t>> levelLists;
    std::vector<uint8_t> sequence;
    std::vector<std::vector<uint8_t>> raw;

  private:
    TransportProps props_;
    audio::OpusEncoder encoder_;
    audio::OpusDecoder decoder_;
    double toneHz_;
    double amplitude_;
    int64_t sample_ = 0;
    uint8_t seq_ = 200;
    test::LoopbackSocket socket_{SOCK_NONBLOCK};
};

TransportProps monoNormal() {
    return TransportProps{128, 1, 45, 1, true};
}
TransportProps stereoNormal() {
    return TransportProps{128, 2, 71, 1, true};
}

class MixEngineTest : public ::testing::Test {
  protected:
    MixEngineTest() : link_(4) {
        const net::SocketConfig cfg = test::loopbackServerConfig();
        EXPECT_EQ(socket_.open(cfg), "");
        // One helper thread, so every test also exercises the worker pool.
        rebuild(MixConfig{4, 128, false, 1, false});
    }
    void rebuild(const MixConfig& config) {
        engine_.reset();
        engine_ = std::make_unique<MixEngine>(config, socket_, link_);
        tickSamples_ = config.tickSamples;
    }

    void connect(int slot, FakeClient& c) {
        MixCommand m;
        m.kind = MixCommand::Kind::Connect;
        m.slot = slot;
        m.generation = static_cast<uint32_t>(slot + 10);
        m.address = c.address();
        link_.mixCommands.push(m);
        m.kind = MixCommand::Kind::SetProps;
        m.props = c.props();
        link_.mixCommands.push(m);
        m.kind = MixCommand::Kind::SetIdentified;
        link_.mixCommands.push(m);
        clients_[slot] = &c;
    }
    void command(MixCommand::Kind kind, int slot, int other, float value) {
        MixCommand m;
        m.kind = kind;
        m.slot = slot;
        m.other = other;
        m.value = value;
        link_.mixCommands.push(m);
    }

    // Runs `ticks` ticks; every connected client sends one datagram per `ticksPerDatagram`.
    void run(int ticks) {
        for (int t = 0; t < ticks; ++t) {
            for (auto& [slot, c] : clients_) {
                const int samplesPerDatagram = c->props().frameSamples * c->props().blockFactor;
                // Send as much audio as the tick consumes (two datagrams per tick for OPUS64).
                sent_[slot] += tickSamples_;
                while (sent_[slot] >= samplesPerDatagram) {
                    c->sendAudio(*link_.audio[slot], static_cast<uint32_t>(slot + 10));
                    sent_[slot] -= samplesPerDatagram;
                }
            }
            engine_->applyCommandsForTest();
            engine_->tick();
            for (auto& [slot, c] : clients_) {
                c->receive();
            }
        }
    }

    audio::OpusCustomModes modes_;
    RtLink link_;
    net::UdpSocket socket_;
    std::unique_ptr<MixEngine> engine_;
    std::map<int, FakeClient*> clients_;
    std::map<int, int> sent_;
    int tickSamples_ = 128;
};

constexpr int kFadeTicks = 1125 + 50;  // 3 s of audio plus a margin

TEST_F(MixEngineTest, ClientHearsItselfAtFullLevelAfterFadeIn) {
    FakeClient a(modes_, monoNormal(), 1000.0, 8000.0);
    connect(0, a);
    run(10);
    // Fade-in: early in the ramp the own signal is much quieter than at the end.
    const double early = rms(a.lastSamples(128 * 8), 1, 0);
    run(kFadeTicks);
    const double amp = toneAmplitude(a.lastSamples(48 * 100), 1, 0, 1000.0);
    EXPECT_NEAR(amp, 8000.0, 8000.0 * 0.15);
    EXPECT_LT(early, 0.1 * amp);
    // One datagram per tick of exactly the announced size.
    for (int s : a.datagramSizes) {
        EXPECT_EQ(s, 46);
    }
    EXPECT_GE(a.datagramSizes.size(), static_cast<std::size_t>(kFadeTicks));
}

TEST_F(MixEngineTest, GainAndPanFollowTheJamulusLaw) {
    FakeClient a(modes_, stereoNormal(), 1000.0, 8000.0);
    connect(0, a);
    run(kFadeTicks);
    auto measure = [&](int channel) {
        a.clearReceived();
        run(200);
        return toneAmplitude(a.lastSamples(48 * 100), 2, channel, 1000.0) / 8000.0;
    };
    EXPECT_NEAR(measure(0), 1.0, 0.1);
    command(MixCommand::Kind::SetGain, 0, 0, 0.5f);
    EXPECT_NEAR(measure(0), 0.5, 0.07);
    EXPECT_NEAR(measure(1), 0.5, 0.07);
    command(MixCommand::Kind::SetGain, 0, 0, 1.0f);
    command(MixCommand::Kind::SetPan, 0, 0, 0.0f);  // hard left
    EXPECT_NEAR(measure(0), 1.0, 0.1);
    EXPECT_LT(measure(1), 0.05);
    command(MixCommand::Kind::SetPan, 0, 0, 0.75f);
    EXPECT_NEAR(measure(0), 0.5, 0.07);
    EXPECT_NEAR(measure(1), 1.0, 0.1);
}

TEST_F(MixEngineTest, OthersAreHeardAndMuteSilencesThem) {
    FakeClient a(modes_, monoNormal(), 1000.0, 8000.0);
    FakeClient b(modes_, stereoNormal(), 1000.0, 0.0);  // silent listener
    connect(0, a);
    connect(1, b);
    run(kFadeTicks);
    EXPECT_NEAR(toneAmplitude(b.lastSamples(48 * 100), 2, 0, 1000.0), 8000.0, 1200.0);
    EXPECT_NEAR(toneAmplitude(b.lastSamples(48 * 100), 2, 1, 1000.0), 8000.0, 1200.0);
    command(MixCommand::Kind::SetGain, 1, 0, 0.0f);  // B mutes A
    b.clearReceived();
    run(200);
    EXPECT_LT(rms(b.lastSamples(48 * 100), 2, 0), 100.0);
    // A still hears itself.
    EXPECT_NEAR(toneAmplitude(a.lastSamples(48 * 100), 1, 0, 1000.0), 8000.0, 1200.0);
}

TEST_F(MixEngineTest, StereoSourceIsDownmixedForMonoListener) {
    FakeClient a(modes_, stereoNormal(), 1000.0, 8000.0);
    FakeClient b(modes_, monoNormal(), 1000.0, 0.0);
    connect(0, a);
    connect(1, b);
    run(kFadeTicks);
    // (L+R)/2 of identical channels is the same level.
    EXPECT_NEAR(toneAmplitude(b.lastSamples(48 * 100), 1, 0, 1000.0), 8000.0, 1200.0);
}

TEST_F(MixEngineTest, Opus64ClientGetsTwoFramesPerTickAndBlockFactorTwoEveryOtherTick) {
    FakeClient small(modes_, TransportProps{64, 1, 22, 1, true}, 1000.0, 8000.0);
    FakeClient big(modes_, TransportProps{128, 2, 71, 2, true}, 1000.0, 8000.0);
    connect(0, small);
    connect(1, big);
    run(kFadeTicks);
    small.clearReceived();
    big.clearReceived();
    run(100);
    EXPECT_EQ(small.datagramSizes.size(), 200u);
    for (int s : small.datagramSizes) {
        EXPECT_EQ(s, 23);
    }
    EXPECT_EQ(big.datagramSizes.size(), 50u);
    for (int s : big.datagramSizes) {
        EXPECT_EQ(s, 144);
    }
    // Sequence numbers count frames, one apart, wrapping.
    for (std::size_t i = 1; i < small.sequence.size(); ++i) {
        EXPECT_EQ(static_cast<uint8_t>(small.sequence[i - 1] + 1), small.sequence[i]);
    }
    // Both hear the tone (both send it; each gets the sum of two equal tones).
    EXPECT_NEAR(toneAmplitude(small.lastSamples(48 * 100), 1, 0, 1000.0), 16000.0, 2500.0);
    EXPECT_NEAR(toneAmplitude(big.lastSamples(48 * 100), 2, 0, 1000.0), 16000.0, 2500.0);
}

TEST_F(MixEngineTest, MixKeepsFlowingWhenInputStops) {
    FakeClient a(modes_, monoNormal(), 1000.0, 8000.0);
    connect(0, a);
    run(20);
    clients_.clear();  // a stops sending, but is still connected
    a.clearReceived();
    for (int t = 0; t < 50; ++t) {
        engine_->tick();
    }
    a.receive();
    EXPECT_EQ(a.datagramSizes.size(), 50u);
    EXPECT_GT(link_.counters.concealedFrames.load(), 0u);
}

TEST_F(MixEngineTest, LevelListsEvery101TicksListEveryConnectedChannel) {
    FakeClient a(modes_, monoNormal(), 1000.0, 30000.0);
    FakeClient b(modes_, monoNormal(), 1000.0, 0.0);
    connect(0, a);
    connect(1, b);
    run(303);
    ASSERT_EQ(a.levelLists.size(), 3u);
    ASSERT_EQ(b.levelLists.size(), 3u);
    ASSERT_EQ(b.levelLists.back().size(), 2u);
    EXPECT_GE(b.levelLists.back()[0], 7);  // a loud tone (pre-fade level)
    EXPECT_EQ(b.levelLists.back()[1], 0);  // silence
}

TEST_F(MixEngineTest, DisconnectedSlotStopsReceivingAndWrongSizeAudioIsCounted) {
    FakeClient a(modes_, monoNormal(), 1000.0, 8000.0);
    connect(0, a);
    run(5);
    AudioPacket* p = link_.audio[0]->beginWrite();
    p->generation = 10;
    p->size = 7;
    link_.audio[0]->commitWrite();
    run(1);
    EXPECT_GE(link_.counters.droppedWrongSize.load(), 1u);
    command(MixCommand::Kind::Disconnect, 0, 0, 0);
    run(1);
    a.clearReceived();
    run(10);
    EXPECT_TRUE(a.datagramSizes.empty());
}

TEST_F(MixEngineTest, IdenticalMixesAreEncodedOnce) {
    FakeClient src(modes_, monoNormal(), 750.0, 8000.0);
    FakeClient b(modes_, stereoNormal(), 750.0, 0.0);
    FakeClient c(modes_, stereoNormal(), 750.0, 0.0);
    FakeClient d(modes_, stereoNormal(), 750.0, 0.0);
    connect(0, src);
    connect(1, b);
    connect(2, c);
    connect(3, d);
    // b, c and d (stereo, default mixes) hear the same mix; the mono source is a format apart.
    run(kFadeTicks);
    const auto& g = engine_->groupingForTest();
    ASSERT_EQ(g.leaders().size(), 2u);
    const int leader = g.leaderOf(1);
    EXPECT_EQ(g.leaderOf(2), leader);
    EXPECT_EQ(g.leaderOf(3), leader);
    for (int m : {1, 2, 3}) {
        EXPECT_TRUE(m == leader || g.sharesLeaderFrames(m)) << m;
    }
    const uint64_t before = engine_->stats().encodes.load();
    b.clearReceived();
    c.clearReceived();
    run(100);
    EXPECT_EQ(engine_->stats().encodes.load() - before, 200u);  // two encodes per tick, four mixes
    // The very same bytes (sequence numbers too: both started counting at the same tick). The
    // last datagrams may still be in flight on a loaded machine, so compare the first 90.
    ASSERT_GE(b.raw.size(), 90u);
    ASSERT_GE(c.raw.size(), 90u);
    EXPECT_TRUE(std::equal(b.raw.begin(), b.raw.begin() + 90, c.raw.begin()));
    EXPECT_NEAR(toneAmplitude(c.lastSamples(48 * 100), 2, 1, 750.0), 8000.0, 1200.0);

    // A fader change splits the group at the next tick.
    command(MixCommand::Kind::SetGain, 3, 0, 0.5f);
    run(2);
    EXPECT_EQ(g.leaders().size(), 3u);
    EXPECT_EQ(g.leaderOf(3), 3);
}

// A listener whose own mix does not change must receive exactly the same bytes whether or not
// the group around it splits: that is the strongest form of "no glitch".
TEST_F(MixEngineTest, GroupSplitsLeaveTheOtherListenersStreamsBitIdentical) {
    auto scenario = [&](bool moveFader, int& leaderOut) {
        rebuild(MixConfig{4, 128, false, 1, false});
        clients_.clear();
        sent_.clear();
        FakeClient src(modes_, monoNormal(), 750.0, 8000.0);
        FakeClient b(modes_, stereoNormal(), 750.0, 0.0);
        FakeClient c(modes_, stereoNormal(), 750.0, 0.0);
        FakeClient d(modes_, stereoNormal(), 750.0, 0.0);
        connect(0, src);
        connect(1, b);
        connect(2, c);
        connect(3, d);
        run(kFadeTicks);
        const int leader = engine_->groupingForTest().leaderOf(1);
        leaderOut = leader;
        for (auto* cl : {&b, &c, &d}) {
            cl->clearReceived();
        }
        if (moveFader) {
            // The group's encoder owner leaves: the others must continue on a copy of its state.
            command(MixCommand::Kind::SetGain, leader, 0, 0.5f);
        }
        run(60);
        std::map<int, std::vector<std::vector<uint8_t>>> out;
        out[1] = b.raw;
        out[2] = c.raw;
        out[3] = d.raw;
        clients_.clear();
        return out;
    };
    int leaderA = -1;
    int leaderB = -1;
    const auto still = scenario(false, leaderA);
    const auto moved = scenario(true, leaderB);
    ASSERT_EQ(leaderA, leaderB);
    int compared = 0;
    for (int m : {1, 2, 3}) {
        if (m == leaderA) {
            EXPECT_NE(still.at(m), moved.at(m));  // its mix did change
            continue;
        }
        // The last datagrams may still be in flight on a loaded machine: compare the first 50.
        ASSERT_GE(still.at(m).size(), 50u);
        ASSERT_GE(moved.at(m).size(), 50u);
        EXPECT_TRUE(std::equal(still.at(m).begin(), still.at(m).begin() + 50, moved.at(m).begin()))
            << "listener " << m << " heard the split";
        ++compared;
    }
    EXPECT_EQ(compared, 2);
}

TEST_F(MixEngineTest, DelayPanDelaysTheFarSideBy63Samples) {
    rebuild(MixConfig{4, 128, true, 1, false});
    FakeClient a(modes_, monoNormal(), 100.0, 8000.0);
    FakeClient b(modes_, stereoNormal(), 100.0, 0.0);
    connect(0, a);
    connect(1, b);
    run(kFadeTicks);
    command(MixCommand::Kind::SetPan, 1, 0, 1.0f);  // hard right: left hears it 63 samples late
    run(10);
    b.clearReceived();
    run(300);
    const auto pcm = b.lastSamples(4800);
    auto phase = [&](int channel) {
        double c = 0, s = 0;
        for (std::size_t i = 0; i < pcm.size() / 2; ++i) {
            const double w = 2 * std::numbers::pi * 100.0 * static_cast<double>(i) / 48000.0;
            c += pcm[2 * i + channel] * std::cos(w);
            s += pcm[2 * i + channel] * std::sin(w);
        }
        return std::atan2(s, c);
    };
    // x = cos(w (n - d)) has phase w d: the left side lagging by 63 samples.
    double delay = (phase(0) - phase(1)) / (2 * std::numbers::pi * 100.0) * 48000.0;
    while (delay < -240)
        delay += 480;
    while (delay > 240)
        delay -= 480;
    EXPECT_NEAR(delay, 63.0, 2.0);
    // Both sides at full level (delay panning does not attenuate).
    EXPECT_NEAR(toneAmplitude(pcm, 2, 0, 100.0), 8000.0, 1200.0);
    EXPECT_NEAR(toneAmplitude(pcm, 2, 1, 100.0), 8000.0, 1200.0);
}

// The desktop window switches delay panning while clients play (issue 11): one command on the
// mix ring. Hard right: plain panning silences the left side, delay panning keeps it at full level.
TEST_F(MixEngineTest, DelayPanSwitchesAtRunTime) {
    rebuild(MixConfig{4, 128, false, 1, false});
    FakeClient a(modes_, monoNormal(), 100.0, 8000.0);
    FakeClient b(modes_, stereoNormal(), 100.0, 0.0);
    connect(0, a);
    connect(1, b);
    run(kFadeTicks);
    command(MixCommand::Kind::SetPan, 1, 0, 1.0f);
    auto leftAfter = [&](float delayPan) {
        command(MixCommand::Kind::SetDelayPan, 0, 0, delayPan);
        run(10);
        b.clearReceived();
        run(200);
        return toneAmplitude(b.lastSamples(4800), 2, 0, 100.0);
    };
    EXPECT_LT(leftAfter(0.0f), 400.0);
    EXPECT_NEAR(leftAfter(1.0f), 8000.0, 1200.0);
    EXPECT_LT(leftAfter(0.0f), 400.0);
}

TEST_F(MixEngineTest, FastUpdateServes64And128SampleClients) {
    rebuild(MixConfig{4, 64, false, 1, false});
    FakeClient small(modes_, TransportProps{64, 2, 35, 1, true}, 750.0, 8000.0);
    FakeClient big(modes_, TransportProps{128, 1, 45, 1, true}, 750.0, 0.0);
    connect(0, small);
    connect(1, big);
    run(2 * kFadeTicks);
    small.clearReceived();
    big.clearReceived();
    run(200);
    EXPECT_EQ(small.datagramSizes.size(), 200u);  // one 64-sample frame per 64-sample tick
    EXPECT_EQ(big.datagramSizes.size(), 100u);    // one 128-sample frame every second tick
    EXPECT_NEAR(toneAmplitude(big.lastSamples(48 * 100), 1, 0, 750.0), 8000.0, 1200.0);
    EXPECT_NEAR(toneAmplitude(small.lastSamples(48 * 100), 2, 0, 750.0), 8000.0, 1200.0);
}

// The operator's per-channel figures: published with every level list, counted per occupant.
TEST_F(MixEngineTest, ChannelFiguresCountThisOccupantsPacketsAndLevel) {
    FakeClient a(modes_, monoNormal(), 1000.0, 30000.0);
    FakeClient b(modes_, monoNormal(), 1000.0, 0.0);
    connect(0, a);
    connect(1, b);
    run(303);
    const ChannelFigures& fa = link_.figures[0];
    const ChannelFigures& fb = link_.figures[1];
    EXPECT_GE(fa.level.load(), 7);
    EXPECT_EQ(fb.level.load(), 0);
    // The figures are those of the last level list (tick 303), one datagram per tick each way.
    EXPECT_GE(fa.packetsReceived.load(), 290u);
    EXPECT_LE(fa.packetsReceived.load(), 303u);
    EXPECT_GE(fa.datagramsSent.load(), 290u);
    EXPECT_LE(fa.datagramsSent.load(), a.datagramSizes.size());
    EXPECT_GE(fa.jitterBufferSize.load(), 1);
    EXPECT_LE(fa.packetsLost.load(), 5u);

    // A new occupant of slot 0 starts from zero although the jitter buffer's totals run on.
    MixCommand m;
    m.kind = MixCommand::Kind::Connect;
    m.slot = 0;
    m.generation = 99;
    m.address = a.address();
    link_.mixCommands.push(m);
    engine_->applyCommandsForTest();
    EXPECT_EQ(fa.packetsReceived.load(), 0u);
    EXPECT_EQ(fa.datagramsSent.load(), 0u);
    EXPECT_EQ(fa.level.load(), 0);
    EXPECT_GE(fb.datagramsSent.load(), 290u);  // the others are untouched
}

// Live mix out (issue 14): what the mix thread hands to the sink, and where it comes from.
class RecordingSink : public MixOutSink {
  public:
    bool beginTick(int) override {
        ++ticks;
        return true;
    }
    bool wantsChannels() const override { return true; }
    void channel(int slot, int, const float*, int) override { slots.push_back(slot); }
    void endTick(const float* stereo, int frames) override {
        lastMix = stereo;
        for (int i = 0; i < 2 * frames; ++i) {
            mix.push_back(stereo ? static_cast<int16_t>(std::clamp(stereo[i], -32768.0f, 32767.0f))
                                 : int16_t{0});
        }
    }
    int ticks = 0;
    std::vector<int> slots;
    std::vector<int16_t> mix;
    const float* lastMix = nullptr;
};

TEST_F(MixEngineTest, MixOutSinkGetsTheDefaultMixEveryTick) {
    FakeClient a(modes_, monoNormal(), 1000.0, 8000.0);
    connect(0, a);
    RecordingSink sink;
    engine_->setMixOutSink(&sink);
    run(120);
    EXPECT_EQ(sink.ticks, 120);
    ASSERT_FALSE(sink.slots.empty());
    EXPECT_TRUE(std::all_of(sink.slots.begin(), sink.slots.end(), [](int s) { return s == 0; }));
    // Unity gain, centred, no fade-in: the source at full level on both sides.
    const std::vector<int16_t> tail(sink.mix.end() - 2 * 4800, sink.mix.end());
    EXPECT_NEAR(toneAmplitude(tail, 2, 0, 1000.0), 8000.0, 8000.0 * 0.1);
    EXPECT_NEAR(toneAmplitude(tail, 2, 1, 1000.0), 8000.0, 8000.0 * 0.1);
    engine_->setMixOutSink(nullptr);
}

TEST_F(MixEngineTest, MixOutReusesTheRecordersMixInsteadOfMixingTwice) {
    FakeClient a(modes_, monoNormal(), 1000.0, 8000.0);
    connect(0, a);
    RecorderTap tap(1024, true);
    tap.setEnabled(true);
    RecordingSink sink;
    engine_->setRecorderTap(&tap);
    engine_->setMixOutSink(&sink);
    run(20);
    ASSERT_NE(sink.lastMix, nullptr);
    EXPECT_EQ(sink.lastMix, tap.lastMix());  // the very same buffer
    engine_->setMixOutSink(nullptr);
    engine_->setRecorderTap(nullptr);
}

// Outside audio (--mixoutinput) joins every listener's mix.
class ToneInput : public ExternalInput {
  public:
    bool pull(float* stereo, int frames) override {
        for (int i = 0; i < frames; ++i) {
            stereo[2 * i] = stereo[2 * i + 1] = sineSample(1000.0, 6000.0, sample_++);
        }
        return true;
    }

  private:
    int64_t sample_ = 0;
};

TEST_F(MixEngineTest, ExternalInputIsHeardByEveryListener) {
    FakeClient a(modes_, monoNormal(), 1000.0, 0.0);  // silent clients
    FakeClient b(modes_, stereoNormal(), 1000.0, 0.0);
    connect(0, a);
    connect(1, b);
    ToneInput input;
    engine_->setExternalInput(&input);
    run(kFadeTicks);
    EXPECT_NEAR(toneAmplitude(a.lastSamples(48 * 100), 1, 0, 1000.0), 6000.0, 6000.0 * 0.15);
    EXPECT_NEAR(toneAmplitude(b.lastSamples(48 * 100), 2, 0, 1000.0), 6000.0, 6000.0 * 0.15);
    EXPECT_NEAR(toneAmplitude(b.lastSamples(48 * 100), 2, 1, 1000.0), 6000.0, 6000.0 * 0.15);
    engine_->setExternalInput(nullptr);
}

}  // namespace
}  // namespace tutti::engine
