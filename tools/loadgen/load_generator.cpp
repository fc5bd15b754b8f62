// The run itself: sets the clients up, drives them through joining, settling, the measurement
// window and leaving, and hands the figures to result_analysis. The jobs live next door:
// sockets in client_transport, audio pacing in paced_sender, the protocol conversation in
// client_conversation, mix bookkeeping in mix_receiver, reports in report_format.
#include "tools/loadgen/load_generator.h"

#include <arpa/inet.h>
#include <sched.h>
#include <sys/prctl.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "audio/opus_codec.h"
#include "protocol/connectionless_messages.h"
#include "protocol/framing.h"
#include "tools/loadgen/client_conversation.h"
#include "tools/loadgen/client_transport.h"
#include "tools/loadgen/frame_bank.h"
#include "tools/loadgen/load_client.h"
#include "tools/loadgen/mix_receiver.h"
#include "tools/loadgen/paced_sender.h"
#include "tools/loadgen/process_figures.h"
#include "tools/loadgen/result_analysis.h"

namespace tutti::loadgen {
namespace p = tutti::protocol;
using std::chrono::duration_cast;
using std::chrono::nanoseconds;

namespace {

// Mixes are read in batches on this timer rather than per packet; their kernel receive
// timestamps keep the arrival figures exact whatever the batching.
constexpr auto kReceiveEvery = std::chrono::milliseconds(1);

std::int64_t realtimeNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

Clock::duration seconds(double s) {
    return duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

bool onLoopback(const sockaddr_in& address) {
    return (ntohl(address.sin_addr.s_addr) >> 24) == 127;
}

class Runner {
  public:
    Runner(const LoadOptions& options, std::ostream* log)
        : o_(options),
          log_(log),
          period_(duration_cast<Clock::duration>(
              nanoseconds(static_cast<int64_t>(options.frameSamples) * 1'000'000'000LL /
                          protocol::kSampleRate))),
          codedBytes_(options.codedBytes()),
          conversation_(o_, codedBytes_) {}

    LoadResult run();

  private:
    enum class Phase { Joining, Settling, Measuring, Draining, Done };

    void setUp();
    bool waitForIdleServer();
    void scheduleJoins();
    void serviceClients(Clock::time_point now, Clock::time_point& wake);
    void onDatagram(int client, std::span<const std::uint8_t> datagram, std::int64_t arrivalNs,
                    Clock::time_point now);
    void ship(LoadClient& c);
    void sendConnectionless(LoadClient& c, std::uint16_t id, std::span<const std::uint8_t> payload);
    void advancePhase(Clock::time_point now, Clock::time_point& wake);
    void startWindow(Clock::time_point now);
    void endWindow(Clock::time_point now);
    LoadResult collect();
    void note(const std::string& text) {
        if (log_ != nullptr) {
            *log_ << "[loadgen] " << text << std::endl;
        }
    }

    LoadOptions o_;
    std::ostream* log_;
    Clock::duration period_;
    int codedBytes_;
    sockaddr_in server_{};

    std::unique_ptr<audio::OpusCustomModes> modes_;
    std::unique_ptr<FrameBank> bank_;
    std::vector<std::unique_ptr<LoadClient>> clients_;
    std::unique_ptr<ClientTransport> transport_;
    std::unique_ptr<PacedSender> sender_;
    std::unique_ptr<MixReceiver> receiver_;
    ClientConversation conversation_;

    Phase phase_ = Phase::Joining;
    Clock::time_point lastJoinAt_{};
    Clock::time_point phaseEnd_{};  // when the current phase ends at the latest
    int drainStep_ = 0;
    Clock::time_point windowStart_{};
    Clock::time_point windowEnd_{};
    ArrivalWindow window_;
    bool measuring_ = false;
    std::vector<std::int64_t> arrivals_;
    std::uint64_t faderMessages_ = 0;

    std::optional<double> serverCpuStart_;
    std::optional<double> serverCpuEnd_;
    double selfCpuStart_ = 0;
    double selfCpuEnd_ = 0;
    std::optional<long> rssIdle_;
    std::optional<long> rssEnd_;
    double setupS_ = 0;
    bool realtime_ = false;
    std::vector<double> loadStart_;
    std::vector<double> loadEnd_;
};

void Runner::setUp() {
    if (::inet_pton(AF_INET, o_.serverHost.c_str(), &server_.sin_addr) != 1) {
        throw std::runtime_error("not an IPv4 address: " + o_.serverHost);
    }
    server_.sin_family = AF_INET;
    server_.sin_port = htons(o_.serverPort);
    if (codedBytes_ <= 0) {
        throw std::runtime_error("unsupported audio format");
    }
    if (o_.sources == SourceMode::Addresses && !onLoopback(server_)) {
        note("the server is not on loopback: all clients from one address, one port each");
        o_.sources = SourceMode::Ports;
    }
    // Deadlines of 1.3 ms want wake-ups to the microsecond, not the default 50 us slack.
    ::prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    if (o_.rtPriority > 0) {
        sched_param param{};
        param.sched_priority = o_.rtPriority;
        if (::sched_setscheduler(0, SCHED_FIFO, &param) != 0) {
            note("SCHED_FIFO not permitted; running at normal priority");
        } else {
            realtime_ = true;
        }
    }

    const auto t0 = Clock::now();
    modes_ = std::make_unique<audio::OpusCustomModes>();
    bank_ = std::make_unique<FrameBank>(*modes_, o_.frameSamples, o_.channels, codedBytes_,
                                        std::min(o_.clients, o_.voices));
    setupS_ = std::chrono::duration<double>(Clock::now() - t0).count();

    transport_ = std::make_unique<ClientTransport>(server_, o_.clients, o_.sources);
    sender_ = std::make_unique<PacedSender>(*bank_, period_, o_.clients);
    arrivals_.reserve(
        static_cast<std::size_t>(o_.clients * (o_.durationS / o_.framePeriodS() + 16) * 1.05));
    receiver_ = std::make_unique<MixReceiver>(codedBytes_, o_.frameSamples, o_.channels, arrivals_);
    clients_.reserve(static_cast<std::size_t>(o_.clients));
    for (int i = 0; i < o_.clients; ++i) {
        auto c = std::make_unique<LoadClient>();
        c->index = i;
        c->voice = i % bank_->voices();
        if (o_.decodeCheck) {
            c->decoder =
                std::make_unique<audio::OpusDecoder>(*modes_, o_.frameSamples, o_.channels);
        }
        // Movers spread evenly over the client indices.
        c->mover = std::floor((i + 1) * o_.faderMoves) > std::floor(i * o_.faderMoves);
        clients_.push_back(std::move(c));
    }
}

// Jamulus keeps a departed client's channel for up to 30 s if its disconnection was lost; a run
// that starts before those are gone would measure the wrong thing (or find the server full).
bool Runner::waitForIdleServer() {
    if (o_.waitIdleS <= 0) {
        return true;
    }
    LoadClient& probe = *clients_.front();
    const auto deadline = Clock::now() + seconds(o_.waitIdleS);
    bool reported = false;
    bool idle = false;
    const ClientTransport::Handler onReply = [&](int client, std::span<const std::uint8_t> d,
                                                 std::int64_t) {
        const auto frame = p::parseFrame(d);
        if (client != probe.index || !frame || frame->id != p::ClmPingMsWithNumClientsMsg::kId) {
            return;
        }
        const auto reply = p::ClmPingMsWithNumClientsMsg::decode(frame->payload);
        if (reply && reply->numClients == 0) {
            idle = true;
        } else if (reply && !reported) {
            reported = true;
            note("server still has " + std::to_string(reply->numClients) +
                 " clients; waiting for it to become idle");
        }
    };
    while (!idle && Clock::now() < deadline) {
        sendConnectionless(probe, p::ClmPingMsWithNumClientsMsg::kId,
                           p::ClmPingMsWithNumClientsMsg{0, 0}.encode());
        const auto until = Clock::now() + std::chrono::milliseconds(250);
        while (!idle && Clock::now() < until) {
            transport_->waitReadable(50);
            transport_->drain(onReply);
        }
    }
    return idle;
}

// Clients start evenly over the ramp; each sends on its own phase of a common frame grid
// (sendSlots phases per period), a deterministic stand-in for unsynchronised sound cards.
void Runner::scheduleJoins() {
    const auto base = Clock::now() + std::chrono::milliseconds(20);
    const auto ramp = seconds(o_.joinOverS);
    for (auto& c : clients_) {
        c->joinAt = base + ramp * c->index / std::max(1, o_.clients);
        const auto phase = period_ * (c->index % o_.sendSlots) / o_.sendSlots;
        auto first = base + phase;
        if (first < c->joinAt) {
            first += period_ * ((c->joinAt - first + period_ - Clock::duration(1)) / period_);
        }
        c->nextSend = first;
        c->joinAt = first;
        lastJoinAt_ = std::max(lastJoinAt_, first);
    }
    phaseEnd_ = lastJoinAt_ + seconds(o_.joinTimeoutS);
}

// ----------------------------------------------------------------------------- traffic

void Runner::ship(LoadClient& c) {
    if (!c.session.hasOutgoing()) {
        return;
    }
    for (const auto& d : c.session.takeOutgoing()) {
        transport_->queue(c.index, d);
    }
}

void Runner::sendConnectionless(LoadClient& c, std::uint16_t id,
                                std::span<const std::uint8_t> payload) {
    transport_->queue(c.index, p::encodeFrame(id, 0, payload));
    transport_->flush();
}

void Runner::serviceClients(Clock::time_point now, Clock::time_point& wake) {
    const bool audioOn = phase_ != Phase::Draining && phase_ != Phase::Done;
    for (auto& cp : clients_) {
        LoadClient& c = *cp;
        if (!c.started) {
            if (now < c.joinAt) {
                wake = std::min(wake, c.joinAt);
                continue;
            }
            c.started = true;
        }
        if (audioOn && c.sendingAudio) {
            sender_->queueDue(c, now, *transport_);
            wake = std::min(wake, c.nextSend);
        }
        if (c.mover && audioOn) {
            const bool due =
                c.faderStepsLeft == 0 ? now >= c.nextFaderMove : now >= c.nextFaderStep;
            if (due && conversation_.faderStep(c, now)) {
                ++faderMessages_;
            }
            wake = std::min(wake, c.faderStepsLeft > 0 ? c.nextFaderStep : c.nextFaderMove);
        }
        // Retransmissions only: the session has nothing else to do on a timer.
        if (auto retransmit = c.session.nextRetransmit()) {
            if (*retransmit <= now) {
                c.session.poll(now);
                retransmit = c.session.nextRetransmit();
            }
            if (retransmit) {
                wake = std::min(wake, *retransmit);
            }
        }
        ship(c);
    }
    transport_->flush();
    sender_->sent(Clock::now(), measuring_);
}

void Runner::onDatagram(int client, std::span<const std::uint8_t> datagram, std::int64_t arrivalNs,
                        Clock::time_point now) {
    LoadClient& c = *clients_[static_cast<std::size_t>(client)];
    const auto frame = p::parseFrame(datagram);
    if (!frame) {
        if (!c.firstMixAt) {
            c.firstMixAt = now;
            conversation_.onFirstMix(c, now);
            ship(c);
        }
        receiver_->onMix(c, datagram, arrivalNs, window_);
        return;
    }
    if (p::isConnectionlessId(frame->id)) {
        if (frame->id == p::msgid::kClmServerFull) {
            ++c.serverFull;
        }
        return;  // level meters, ping echoes: nothing a load test needs
    }
    if (auto message = c.session.receive(*frame, now)) {
        conversation_.onMessage(c, message->id, message->payload, now);
    }
    ship(c);
}

// ----------------------------------------------------------------------------- phases

void Runner::startWindow(Clock::time_point now) {
    windowStart_ = now;
    windowEnd_ = now + seconds(o_.durationS);
    window_ = ArrivalWindow{realtimeNs(), INT64_MAX};
    measuring_ = true;
    if (o_.serverPid > 0) {
        serverCpuStart_ = processCpuSeconds(o_.serverPid);
    }
    selfCpuStart_ = selfCpuSeconds();
    loadStart_ = loadAverage();
    note("measuring for " + std::to_string(o_.durationS) + " s");
}

void Runner::endWindow(Clock::time_point now) {
    window_.endNs = window_.startNs + duration_cast<nanoseconds>(now - windowStart_).count();
    windowEnd_ = now;
    if (o_.serverPid > 0) {
        serverCpuEnd_ = processCpuSeconds(o_.serverPid);
        rssEnd_ = processRssKib(o_.serverPid);
    }
    selfCpuEnd_ = selfCpuSeconds();
    loadEnd_ = loadAverage();
}

void Runner::advancePhase(Clock::time_point now, Clock::time_point& wake) {
    switch (phase_) {
        case Phase::Joining: {
            const bool allJoined = now >= lastJoinAt_ &&
                                   std::all_of(clients_.begin(), clients_.end(),
                                               [](auto& c) { return c->firstMixAt.has_value(); });
            if (allJoined || now >= phaseEnd_) {
                note(allJoined ? "all clients receive their mix" : "join time-out");
                if (o_.mixes == MixMode::Different) {
                    for (auto& c : clients_) {
                        conversation_.sendDistinctMix(*c, now);
                        ship(*c);
                    }
                    transport_->flush();
                }
                for (auto& c : clients_) {
                    if (c->mover) {
                        const double stagger = (c->index % 10) / 10.0 * o_.faderIntervalS;
                        c->nextFaderMove = now + seconds(stagger);
                    }
                }
                phase_ = Phase::Settling;
                phaseEnd_ = now + seconds(o_.settleS);
            } else {
                wake = std::min(wake, std::max(now + std::chrono::milliseconds(5), lastJoinAt_));
            }
            break;
        }
        case Phase::Settling:
            if (now >= phaseEnd_) {
                startWindow(now);
                phase_ = Phase::Measuring;
                phaseEnd_ = windowEnd_;
            }
            break;
        case Phase::Measuring:
            if (now >= phaseEnd_) {
                endWindow(now);
                // Stop the audio, then say goodbye twice ~100 ms later, as a real client does.
                phase_ = Phase::Draining;
                drainStep_ = 0;
                phaseEnd_ = now + std::chrono::milliseconds(150);
            }
            break;
        case Phase::Draining:
            if (now >= phaseEnd_) {
                if (drainStep_ < 2) {
                    for (auto& c : clients_) {
                        transport_->queue(c->index,
                                          p::encodeFrame(p::ClmDisconnectionMsg::kId, 0, {}));
                    }
                    transport_->flush();
                    ++drainStep_;
                    phaseEnd_ = now + std::chrono::milliseconds(100);
                } else {
                    phase_ = Phase::Done;
                }
            }
            break;
        case Phase::Done:
            break;
    }
    if (phase_ != Phase::Done) {
        wake = std::min(wake, phaseEnd_);
    }
}

LoadResult Runner::run() {
    setUp();
    if (o_.serverPid > 0) {
        rssIdle_ = processRssKib(o_.serverPid);
    }
    if (!waitForIdleServer()) {
        note("server did not become idle; running anyway");
    }
    if (o_.serverPid > 0) {
        rssIdle_ = processRssKib(o_.serverPid);
    }
    scheduleJoins();
    note("joining " + std::to_string(o_.clients) + " clients over " + std::to_string(o_.joinOverS) +
         " s");

    // The loop sleeps until the next send deadline or the receive timer, never until a socket
    // is readable: wake-ups stay at sendSlots per frame period whatever N is, every send due
    // leaves in one batch, and whatever arrived is read in a few batched calls.
    Clock::time_point now{};
    const ClientTransport::Handler onReceive = [&](int client, std::span<const std::uint8_t> d,
                                                   std::int64_t arrivalNs) {
        onDatagram(client, d, arrivalNs, now);
    };
    // Receives ride on the send wake-ups (several per millisecond under load); the timer only
    // wakes the loop for them when no send is due for a while.
    // Sends first: they have deadlines, the mixes waiting to be read have their timestamps.
    auto lastReceive = Clock::now();
    while (phase_ != Phase::Done) {
        now = Clock::now();
        auto wake = lastReceive + 2 * kReceiveEvery;
        serviceClients(now, wake);
        if (now - lastReceive >= kReceiveEvery) {
            transport_->drain(onReceive);
            transport_->flush();  // protocol answers
            lastReceive = now;
            wake = std::min(wake, lastReceive + 2 * kReceiveEvery);
        }
        advancePhase(now, wake);
        const auto sinceEpoch = duration_cast<nanoseconds>(wake.time_since_epoch()).count();
        const timespec until{sinceEpoch / 1'000'000'000LL, sinceEpoch % 1'000'000'000LL};
        while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == EINTR) {
        }
    }
    measuring_ = false;
    return collect();
}

// ----------------------------------------------------------------------------- results

LoadResult Runner::collect() {
    LoadResult r;
    r.options = o_;
    r.windowS = std::chrono::duration<double>(windowEnd_ - windowStart_).count();
    analyseClients(clients_, r);
    analyseBursts(arrivals_, duration_cast<nanoseconds>(period_).count() / 4, r);
    r.faderMessages = faderMessages_;
    r.sendLateP50Us = sender_->lateness().percentile(0.5);
    r.sendLateP99Us = sender_->lateness().percentile(0.99);
    r.sendLateMaxUs = sender_->lateness().max();
    r.sendResyncs = sender_->resyncs();
    r.sendFailures = transport_->sendFailures();
    r.missingTimestamps = transport_->missingTimestamps();
    r.strayDatagrams = transport_->strayDatagrams();
    if (serverCpuStart_ && serverCpuEnd_ && r.windowS > 0) {
        r.serverCpuPct = (*serverCpuEnd_ - *serverCpuStart_) / r.windowS * 100.0;
    }
    r.serverRssIdleKib = rssIdle_;
    r.serverRssEndKib = rssEnd_;
    r.selfCpuPct = r.windowS > 0 ? (selfCpuEnd_ - selfCpuStart_) / r.windowS * 100.0 : 0;
    r.setupS = setupS_;
    r.realtime = realtime_;
    r.loadAvgStart = loadStart_;
    r.loadAvgEnd = loadEnd_;
    r.held = judgeHeld(r);
    return r;
}

}  // namespace

LoadResult runLoad(const LoadOptions& options, std::ostream* log) {
    Runner runner(options, log);
    return runner.run();
}

}  // namespace tutti::loadgen
