#include "tools/loadgen/load_generator.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <variant>

#include "audio/opus_codec.h"
#include "protocol/connection_messages.h"
#include "protocol/connectionless_messages.h"
#include "protocol/framing.h"
#include "protocol/messages.h"
#include "protocol/session.h"
#include "tools/loadgen/frame_bank.h"
#include "tools/loadgen/load_stats.h"
#include "tools/simclient/version_compare.h"

namespace tutti::loadgen {
namespace p = tutti::protocol;
using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::nanoseconds;

namespace {

constexpr double kHeldDelivered = 0.995;
// Falling this far behind (the process was descheduled) restarts a client's clock instead of
// bursting the backlog at the server, as a sound card callback would not catch up either.
constexpr auto kMaxBacklog = std::chrono::milliseconds(100);
constexpr auto kFaderStepInterval = std::chrono::milliseconds(50);  // clients rate-limit gains
constexpr int kFaderSteps = 5;
constexpr int kRxBatch = 16;
constexpr std::size_t kRxBytes = p::kMaxDatagram + 1;
// A decoded frame whose peak stays below this is counted as silent (-66 dBFS).
constexpr int kSilencePeak = 16;

int64_t realtimeNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

double toMs(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double toUs(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

Clock::duration seconds(double s) {
    return duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

std::uint16_t fixedPoint(double factor) {
    return static_cast<std::uint16_t>(std::floor(std::clamp(factor, 0.0, 1.99) * 32768.0));
}

struct LoadClient {
    int index = 0;
    int fd = -1;
    int voice = 0;
    p::Session session;

    Clock::time_point joinAt{};
    Clock::time_point nextSend{};
    bool started = false;
    bool sendingAudio = true;
    std::optional<Clock::time_point> firstSendAt;
    std::optional<Clock::time_point> firstMixAt;
    bool sequenceOn = false;
    std::uint8_t nextSequence = 0;
    std::uint64_t frameIndex = 0;

    int channelId = -1;
    std::vector<std::uint8_t> channelIds;  // from the latest CONN_CLIENTS_LIST

    bool mover = false;
    Clock::time_point nextFaderMove = Clock::time_point::max();
    Clock::time_point nextFaderStep = Clock::time_point::max();
    int faderStepsLeft = 0;
    int faderSource = -1;
    int faderRound = 0;

    std::uint64_t received = 0;
    int64_t lastArrivalNs = -1;
    MicrosHistogram inter{10.0, 100000.0};
    std::optional<std::uint8_t> expectedSequence;
    std::uint64_t sequenceGaps = 0;
    std::uint64_t wrongSize = 0;
    std::uint64_t serverFull = 0;
    std::unique_ptr<audio::OpusDecoder> decoder;
    std::uint64_t framesDecoded = 0;
    std::uint64_t decodeErrors = 0;
    std::uint64_t silentFrames = 0;

    ~LoadClient() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

// recvmmsg buffers with room for a kernel receive timestamp per datagram.
struct RxBatch {
    std::vector<std::uint8_t> data = std::vector<std::uint8_t>(kRxBatch * kRxBytes);
    std::array<std::array<char, CMSG_SPACE(sizeof(timespec))>, kRxBatch> control{};
    std::array<iovec, kRxBatch> iov{};
    std::array<mmsghdr, kRxBatch> msgs{};

    void prepare() {
        for (int i = 0; i < kRxBatch; ++i) {
            iov[i] = iovec{data.data() + static_cast<std::size_t>(i) * kRxBytes, kRxBytes};
            msgs[i] = mmsghdr{};
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            msgs[i].msg_hdr.msg_control = control[i].data();
            msgs[i].msg_hdr.msg_controllen = control[i].size();
        }
    }

    int64_t timestampNs(const msghdr& header) {
        for (cmsghdr* c = CMSG_FIRSTHDR(&header); c != nullptr;
             c = CMSG_NXTHDR(const_cast<msghdr*>(&header), c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                timespec ts{};
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
            }
        }
        ++missingTimestamps;
        return realtimeNs();
    }
    std::uint64_t missingTimestamps = 0;
};

class Runner {
  public:
    Runner(const LoadOptions& options, std::ostream* log)
        : o_(options),
          log_(log),
          period_(duration_cast<Clock::duration>(
              nanoseconds(static_cast<int64_t>(options.frameSamples) * 1'000'000'000LL / 48000))),
          codedBytes_(options.codedBytes()) {}

    LoadResult run();

  private:
    enum class Phase { Joining, Settling, Measuring, Draining, Done };

    void setUp();
    bool waitForIdleServer();
    void openSocket(LoadClient& c);
    void serviceClients(Clock::time_point now, Clock::time_point& wake);
    void sendAudio(LoadClient& c, Clock::time_point now);
    void receive(LoadClient& c, Clock::time_point now);
    void handleDatagram(LoadClient& c, std::span<const std::uint8_t> datagram, int64_t arrivalNs,
                        Clock::time_point now);
    void handleAudio(LoadClient& c, std::span<const std::uint8_t> datagram, int64_t arrivalNs,
                     Clock::time_point now);
    void handleMessage(LoadClient& c, std::uint16_t id, std::span<const std::uint8_t> payload,
                       Clock::time_point now);
    void sendTransportProps(LoadClient& c, Clock::time_point now);
    void sendChannelInfos(LoadClient& c, Clock::time_point now);
    void sendConnectionless(LoadClient& c, std::uint16_t id, std::span<const std::uint8_t> payload);
    void flush(LoadClient& c);
    void sendDistinctMix(LoadClient& c, Clock::time_point now);
    void faderStep(LoadClient& c, Clock::time_point now);
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
    int epoll_ = -1;
    RxBatch rx_;
    std::vector<std::uint8_t> txBuffer_;

    Phase phase_ = Phase::Joining;
    Clock::time_point lastJoinAt_{};
    Clock::time_point phaseEnd_{};  // when the current phase ends at the latest
    int drainStep_ = 0;
    Clock::time_point windowStart_{};
    Clock::time_point windowEnd_{};
    int64_t windowStartRealNs_ = 0;
    int64_t windowEndRealNs_ = INT64_MAX;
    bool measuring_ = false;  // arrivals are only counted between the two real-time bounds
    std::vector<int64_t> arrivals_;
    MicrosHistogram sendLate_{1.0, 200000.0};
    std::uint64_t sendResyncs_ = 0;
    std::uint64_t sendFailures_ = 0;
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

void Runner::openSocket(LoadClient& c) {
    c.fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        throw std::system_error(errno, std::generic_category(), "socket");
    }
    const int bufferBytes = 256 * 1024;
    ::setsockopt(c.fd, SOL_SOCKET, SO_RCVBUF, &bufferBytes, sizeof bufferBytes);
    const int on = 1;
    ::setsockopt(c.fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (server_.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
        local.sin_addr.s_addr = htonl(INADDR_ANY);
    }
    if (::bind(c.fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(c.fd, reinterpret_cast<const sockaddr*>(&server_), sizeof server_) != 0) {
        throw std::system_error(errno, std::generic_category(), "bind/connect");
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<std::uint32_t>(c.index);
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev) != 0) {
        throw std::system_error(errno, std::generic_category(), "epoll_ctl");
    }
}

void Runner::setUp() {
    if (::inet_pton(AF_INET, o_.serverHost.c_str(), &server_.sin_addr) != 1) {
        throw std::runtime_error("not an IPv4 address: " + o_.serverHost);
    }
    server_.sin_family = AF_INET;
    server_.sin_port = htons(o_.serverPort);
    if (codedBytes_ <= 0) {
        throw std::runtime_error("unsupported audio format");
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

    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) {
        throw std::system_error(errno, std::generic_category(), "epoll_create1");
    }
    clients_.reserve(static_cast<std::size_t>(o_.clients));
    for (int i = 0; i < o_.clients; ++i) {
        auto c = std::make_unique<LoadClient>();
        c->index = i;
        c->voice = i % bank_->voices();
        openSocket(*c);
        if (o_.decodeCheck) {
            c->decoder =
                std::make_unique<audio::OpusDecoder>(*modes_, o_.frameSamples, o_.channels);
        }
        // Movers spread evenly over the client indices.
        c->mover = std::floor((i + 1) * o_.faderMoves) > std::floor(i * o_.faderMoves);
        clients_.push_back(std::move(c));
    }
    txBuffer_.resize(static_cast<std::size_t>(codedBytes_ + 1));
    rx_.prepare();
    arrivals_.reserve(
        static_cast<std::size_t>(o_.clients * (o_.durationS / o_.framePeriodS() + 16) * 1.05));
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
    while (Clock::now() < deadline) {
        sendConnectionless(probe, p::ClmPingMsWithNumClientsMsg::kId,
                           p::ClmPingMsWithNumClientsMsg{0, 0}.encode());
        const auto until = Clock::now() + std::chrono::milliseconds(250);
        while (Clock::now() < until) {
            epoll_event ev{};
            ::epoll_wait(epoll_, &ev, 1, 50);
            const int n = ::recvmmsg(probe.fd, rx_.msgs.data(), kRxBatch, MSG_DONTWAIT, nullptr);
            for (int i = 0; i < n; ++i) {
                const auto datagram = std::span(rx_.data).subspan(
                    static_cast<std::size_t>(i) * kRxBytes, rx_.msgs[i].msg_len);
                const auto frame = p::parseFrame(datagram);
                if (!frame || frame->id != p::ClmPingMsWithNumClientsMsg::kId) {
                    continue;
                }
                const auto reply = p::ClmPingMsWithNumClientsMsg::decode(frame->payload);
                if (reply && reply->numClients == 0) {
                    return true;
                }
                if (reply && !reported) {
                    reported = true;
                    note("server still has " + std::to_string(reply->numClients) +
                         " clients; waiting for it to become idle");
                }
            }
            rx_.prepare();
        }
    }
    return false;
}

// ----------------------------------------------------------------------------- sending

void Runner::sendAudio(LoadClient& c, Clock::time_point now) {
    const auto coded = bank_->frame(c.voice, c.frameIndex++);
    std::memcpy(txBuffer_.data(), coded.data(), coded.size());
    std::size_t length = coded.size();
    if (c.sequenceOn) {
        txBuffer_[length++] = c.nextSequence++;
    }
    if (::send(c.fd, txBuffer_.data(), length, 0) != static_cast<ssize_t>(length)) {
        ++sendFailures_;
    }
    if (!c.firstSendAt) {
        c.firstSendAt = now;
    }
    if (measuring_) {
        sendLate_.add(toUs(now - c.nextSend));
    }
}

void Runner::sendConnectionless(LoadClient& c, std::uint16_t id,
                                std::span<const std::uint8_t> payload) {
    const auto datagram = p::encodeFrame(id, 0, payload);
    ::send(c.fd, datagram.data(), datagram.size(), 0);
}

void Runner::flush(LoadClient& c) {
    if (!c.session.hasOutgoing()) {
        return;
    }
    for (const auto& d : c.session.takeOutgoing()) {
        ::send(c.fd, d.data(), d.size(), 0);
    }
}

void Runner::sendTransportProps(LoadClient& c, Clock::time_point now) {
    p::NetwTransportPropsMsg props;
    props.frameBytes = static_cast<std::uint32_t>(codedBytes_ + (c.sequenceOn ? 1 : 0));
    props.blockFactor = 1;
    props.channels = static_cast<std::uint8_t>(o_.channels);
    props.sampleRate = p::kSampleRate;
    props.codec =
        static_cast<std::uint16_t>(o_.frameSamples == 64 ? p::Codec::Opus64 : p::Codec::Opus);
    props.flags = c.sequenceOn ? p::NetwTransportPropsMsg::kFlagSequenceNumbers : 0;
    c.session.send(props, now);
}

void Runner::sendChannelInfos(LoadClient& c, Clock::time_point now) {
    char name[16];
    std::snprintf(name, sizeof name, "lg%03d", c.index);
    c.session.send(p::ChannelInfosMsg{0, 0, 0, name, ""}, now);
}

// Every listener gives its own channel, and the two channels after it in the client list, gains
// and a pan that depend on its channel id, so no two listeners' mixes have the same inputs.
void Runner::sendDistinctMix(LoadClient& c, Clock::time_point now) {
    if (c.channelId < 0) {
        return;
    }
    const double x = c.channelId / 150.0;
    const auto own = static_cast<std::uint8_t>(c.channelId);
    c.session.send(p::ChannelGainMsg{own, fixedPoint(0.25 + 0.5 * x)}, now);
    c.session.send(p::ChannelPanMsg{own, fixedPoint(0.2 + 0.6 * x)}, now);
    auto ids = c.channelIds;
    const auto self = std::find(ids.begin(), ids.end(), own);
    if (self != ids.end()) {
        std::rotate(ids.begin(), self, ids.end());  // own id first, then the following ones
    }
    const double others[2] = {0.9 - 0.4 * x, 0.5 + 0.3 * ((c.channelId * 37) % 150) / 150.0};
    for (std::size_t k = 1; k < ids.size() && k <= 2; ++k) {
        c.session.send(p::ChannelGainMsg{ids[k], fixedPoint(others[k - 1])}, now);
    }
    flush(c);
}

// A fader move is a short sweep of one source's gain, one message per 50 ms like a real client.
void Runner::faderStep(LoadClient& c, Clock::time_point now) {
    if (c.faderStepsLeft == 0) {
        c.nextFaderMove += seconds(o_.faderIntervalS);
        std::vector<std::uint8_t> others;
        for (auto id : c.channelIds) {
            if (id != c.channelId) {
                others.push_back(id);
            }
        }
        if (others.empty()) {
            return;
        }
        c.faderSource = others[static_cast<std::size_t>(c.faderRound++) % others.size()];
        c.faderStepsLeft = kFaderSteps;
        c.nextFaderStep = now;
    }
    const int step = kFaderSteps - c.faderStepsLeft;
    const double gain = 0.3 + 0.1 * step + 0.001 * std::max(c.channelId, 0);
    c.session.send(p::ChannelGainMsg{static_cast<std::uint8_t>(c.faderSource), fixedPoint(gain)},
                   now);
    flush(c);
    ++faderMessages_;
    --c.faderStepsLeft;
    c.nextFaderStep = c.faderStepsLeft > 0 ? now + kFaderStepInterval : Clock::time_point::max();
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
            if (now - c.nextSend > kMaxBacklog) {
                ++sendResyncs_;
                const auto behind = (now - c.nextSend) / period_;
                c.nextSend += period_ * behind;
            }
            while (c.nextSend <= now) {
                sendAudio(c, now);
                c.nextSend += period_;
            }
            wake = std::min(wake, c.nextSend);
        }
        if (c.mover && audioOn) {
            if (now >= c.nextFaderMove && c.faderStepsLeft == 0) {
                faderStep(c, now);
            } else if (c.faderStepsLeft > 0 && now >= c.nextFaderStep) {
                faderStep(c, now);
            }
            wake = std::min(wake, c.faderStepsLeft > 0 ? c.nextFaderStep : c.nextFaderMove);
        }
        c.session.poll(now);
        flush(c);
        if (const auto retransmit = c.session.nextRetransmit()) {
            wake = std::min(wake, *retransmit);
        }
    }
}

// ----------------------------------------------------------------------------- receiving

void Runner::receive(LoadClient& c, Clock::time_point now) {
    const int n = ::recvmmsg(c.fd, rx_.msgs.data(), kRxBatch, MSG_DONTWAIT, nullptr);
    for (int i = 0; i < n; ++i) {
        const msghdr& header = rx_.msgs[i].msg_hdr;
        if ((header.msg_flags & MSG_TRUNC) == 0) {
            const auto datagram = std::span<const std::uint8_t>(rx_.data).subspan(
                static_cast<std::size_t>(i) * kRxBytes, rx_.msgs[i].msg_len);
            handleDatagram(c, datagram, rx_.timestampNs(header), now);
        }
        rx_.msgs[i].msg_hdr.msg_controllen = rx_.control[i].size();
    }
}

void Runner::handleDatagram(LoadClient& c, std::span<const std::uint8_t> datagram,
                            int64_t arrivalNs, Clock::time_point now) {
    const auto frame = p::parseFrame(datagram);
    if (!frame) {
        handleAudio(c, datagram, arrivalNs, now);
        return;
    }
    if (p::isConnectionlessId(frame->id)) {
        if (frame->id == p::msgid::kClmServerFull) {
            ++c.serverFull;
        }
        return;  // level meters, ping echoes: nothing a load test needs
    }
    if (auto message = c.session.receive(*frame, now)) {
        handleMessage(c, message->id, message->payload, now);
    }
    flush(c);
}

void Runner::handleAudio(LoadClient& c, std::span<const std::uint8_t> datagram, int64_t arrivalNs,
                         Clock::time_point now) {
    if (!c.firstMixAt) {
        c.firstMixAt = now;
        // A 3.x client's "new connection" event.
        sendChannelInfos(c, now);
        c.session.send(p::ReqConnClientsListMsg{}, now);
        c.session.send(p::JittBufSizeMsg{o_.jitterBuf}, now);
        c.session.send(p::ReqChannelLevelListMsg{1}, now);
        flush(c);
    }
    const auto size = static_cast<int>(datagram.size());
    const bool withSequence = size == codedBytes_ + 1;
    if (size != codedBytes_ && !withSequence) {
        ++c.wrongSize;
        return;
    }
    const bool inWindow =
        measuring_ && arrivalNs >= windowStartRealNs_ && arrivalNs < windowEndRealNs_;
    if (withSequence) {
        const std::uint8_t sequence = datagram[static_cast<std::size_t>(codedBytes_)];
        if (c.expectedSequence) {
            const auto gap = static_cast<std::uint8_t>(sequence - *c.expectedSequence);
            if (gap < 128 && inWindow) {  // larger differences are late or repeated frames
                c.sequenceGaps += gap;
            }
        }
        c.expectedSequence = static_cast<std::uint8_t>(sequence + 1);
    }
    if (inWindow) {
        ++c.received;
        if (c.lastArrivalNs >= windowStartRealNs_) {
            c.inter.add(static_cast<double>(arrivalNs - c.lastArrivalNs) / 1000.0);
        }
        arrivals_.push_back(arrivalNs);
    }
    c.lastArrivalNs = arrivalNs;
    if (c.decoder) {
        std::array<std::int16_t, 128 * 2> pcm{};
        if (c.decoder->decode(datagram.data(), codedBytes_, pcm.data())) {
            ++c.framesDecoded;
            int peak = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(o_.frameSamples * o_.channels);
                 ++i) {
                peak = std::max(peak, std::abs(static_cast<int>(pcm[i])));
            }
            if (peak < kSilencePeak) {
                ++c.silentFrames;
            }
        } else {
            ++c.decodeErrors;
        }
    }
}

void Runner::handleMessage(LoadClient& c, std::uint16_t id, std::span<const std::uint8_t> payload,
                           Clock::time_point now) {
    switch (id) {
        case p::msgid::kReqSplitMessSupport:
            c.session.setPeerSupportsSplit(true);
            c.session.send(p::SplitMessSupportedMsg{}, now);
            break;
        case p::msgid::kReqNetwTransportProps:
            sendTransportProps(c, now);
            break;
        case p::msgid::kReqJittBufSize:
            c.session.send(p::JittBufSizeMsg{o_.jitterBuf}, now);
            break;
        case p::msgid::kReqChannelInfos:
            sendChannelInfos(c, now);
            break;
        case p::msgid::kVersionAndOs:
            if (const auto v = p::VersionAndOsMsg::decode(payload)) {
                if (o_.sequenceNumbers && !c.sequenceOn &&
                    simclient::versionAtLeast(v->version, 3, 6, 0)) {
                    c.sequenceOn = true;
                    sendTransportProps(c, now);
                }
            }
            break;
        case p::msgid::kClientId:
            if (const auto m = p::ClientIdMsg::decode(payload)) {
                c.channelId = m->channel;
            }
            break;
        case p::msgid::kConnClientsList:
            if (const auto m = p::ConnClientsListMsg::decode(payload)) {
                c.channelIds.clear();
                for (const auto& e : m->entries) {
                    c.channelIds.push_back(e.channel);
                }
            }
            break;
        default:
            break;
    }
}

// ----------------------------------------------------------------------------- phases

void Runner::startWindow(Clock::time_point now) {
    windowStart_ = now;
    windowEnd_ = now + seconds(o_.durationS);
    windowStartRealNs_ = realtimeNs();
    windowEndRealNs_ = INT64_MAX;
    measuring_ = true;
    if (o_.serverPid > 0) {
        serverCpuStart_ = processCpuSeconds(o_.serverPid);
    }
    selfCpuStart_ = selfCpuSeconds();
    loadStart_ = loadAverage();
    note("measuring for " + std::to_string(o_.durationS) + " s");
}

void Runner::endWindow(Clock::time_point now) {
    windowEndRealNs_ = windowStartRealNs_ + duration_cast<nanoseconds>(now - windowStart_).count();
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
                        sendDistinctMix(*c, now);
                    }
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
                        sendConnectionless(*c, p::ClmDisconnectionMsg::kId, {});
                    }
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
    // Clients start evenly over the ramp; each sends on its own phase of a common frame grid
    // (sendSlots phases per period), a deterministic stand-in for unsynchronised sound cards.
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
    note("joining " + std::to_string(o_.clients) + " clients over " + std::to_string(o_.joinOverS) +
         " s");

    // The loop sleeps until the next deadline only, not until a socket is readable: wake-ups
    // stay at sendSlots per frame period whatever N is, and every socket with data is drained
    // then. Arrival times come from kernel receive timestamps, so they do not depend on when
    // the loop gets to them.
    std::array<epoll_event, 256> events{};
    while (phase_ != Phase::Done) {
        auto now = Clock::now();
        auto wake = Clock::time_point::max();
        serviceClients(now, wake);
        advancePhase(now, wake);
        wake = std::min(wake, Clock::now() + std::chrono::milliseconds(100));
        const auto sinceEpoch = duration_cast<nanoseconds>(wake.time_since_epoch()).count();
        const timespec until{sinceEpoch / 1'000'000'000LL, sinceEpoch % 1'000'000'000LL};
        while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr) == EINTR) {
        }
        now = Clock::now();
        int n = 0;
        do {
            n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 0);
            for (int i = 0; i < n; ++i) {
                receive(*clients_[events[static_cast<std::size_t>(i)].data.u32], now);
            }
        } while (n == static_cast<int>(events.size()));
    }
    measuring_ = false;
    return collect();
}

// ----------------------------------------------------------------------------- results

LoadResult Runner::collect() {
    LoadResult r;
    r.options = o_;
    r.windowS = std::chrono::duration<double>(windowEnd_ - windowStart_).count();
    r.expectedPerClient = r.windowS / o_.framePeriodS();
    MicrosHistogram inter(10.0, 100000.0);
    std::vector<double> delivered;
    std::vector<double> joins;
    for (const auto& cp : clients_) {
        const LoadClient& c = *cp;
        ClientResult cr;
        cr.index = c.index;
        cr.channelId = c.channelId;
        cr.joined = c.firstMixAt.has_value();
        if (cr.joined && c.firstSendAt) {
            cr.joinLatencyMs = toMs(*c.firstMixAt - *c.firstSendAt);
            joins.push_back(cr.joinLatencyMs);
            ++r.joined;
        }
        cr.received = c.received;
        cr.delivered =
            r.expectedPerClient > 0 ? static_cast<double>(c.received) / r.expectedPerClient : 0;
        cr.interP50Us = c.inter.percentile(0.5);
        cr.interP99Us = c.inter.percentile(0.99);
        cr.interMaxUs = c.inter.max();
        cr.sequenceGaps = c.sequenceGaps;
        cr.wrongSize = c.wrongSize;
        cr.framesDecoded = c.framesDecoded;
        cr.decodeErrors = c.decodeErrors;
        cr.silentFrames = c.silentFrames;
        cr.serverFull = c.serverFull;
        inter.merge(c.inter);
        delivered.push_back(cr.delivered);
        r.worstClientP99Us = std::max(r.worstClientP99Us, cr.interP99Us);
        r.sequenceGaps += c.sequenceGaps;
        r.wrongSize += c.wrongSize;
        r.framesDecoded += c.framesDecoded;
        r.decodeErrors += c.decodeErrors;
        r.silentFrames += c.silentFrames;
        if (cr.delivered < kHeldDelivered) {
            ++r.clientsBelowTarget;
        }
        r.clients.push_back(cr);
    }
    r.joinP50Ms = quantile(joins, 0.5);
    r.joinMaxMs = joins.empty() ? 0 : *std::max_element(joins.begin(), joins.end());
    r.deliveredMin = delivered.empty() ? 0 : *std::min_element(delivered.begin(), delivered.end());
    r.deliveredMedian = quantile(delivered, 0.5);
    double sum = 0;
    for (double d : delivered) {
        sum += d;
    }
    r.deliveredMean = delivered.empty() ? 0 : sum / static_cast<double>(delivered.size());
    r.interP50Us = inter.percentile(0.5);
    r.interP99Us = inter.percentile(0.99);
    r.interMaxUs = inter.max();

    // Bursts: consecutive arrivals (all clients) closer than a quarter period belong to one tick.
    if (o_.clients >= 2 && !arrivals_.empty()) {
        std::sort(arrivals_.begin(), arrivals_.end());
        const int64_t gapNs = duration_cast<nanoseconds>(period_).count() / 4;
        std::vector<double> spreads;
        int64_t first = arrivals_.front();
        int64_t last = first;
        for (std::size_t i = 1; i <= arrivals_.size(); ++i) {
            if (i == arrivals_.size() || arrivals_[i] - last > gapNs) {
                spreads.push_back(static_cast<double>(last - first) / 1000.0);
                if (i < arrivals_.size()) {
                    first = arrivals_[i];
                }
            }
            if (i < arrivals_.size()) {
                last = arrivals_[i];
            }
        }
        r.bursts = spreads.size();
        r.sendSpreadP50Us = quantile(spreads, 0.5);
        r.sendSpreadP99Us = quantile(spreads, 0.99);
    }

    r.faderMessages = faderMessages_;
    r.sendLateP50Us = sendLate_.percentile(0.5);
    r.sendLateP99Us = sendLate_.percentile(0.99);
    r.sendLateMaxUs = sendLate_.max();
    r.sendResyncs = sendResyncs_;
    r.sendFailures = sendFailures_;
    r.missingTimestamps = rx_.missingTimestamps;
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
    const double periodUs = o_.framePeriodS() * 1e6;
    r.held =
        r.joined == o_.clients && r.deliveredMin >= kHeldDelivered && r.interP99Us < 2 * periodUs;
    return r;
}

std::string fmt(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (static_cast<unsigned char>(ch) < 0x20) {
            out += fmt("\\u%04x", static_cast<unsigned char>(ch));
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

}  // namespace

LoadResult runLoad(const LoadOptions& options, std::ostream* log) {
    Runner runner(options, log);
    return runner.run();
}

std::string formatSummary(const LoadResult& r) {
    const auto& o = r.options;
    const double periodUs = o.framePeriodS() * 1e6;
    std::ostringstream s;
    s << "clients " << o.clients << ", " << o.frameSamples << "-sample "
      << (o.channels == 2 ? "stereo" : "mono") << ", " << o.codedBytes() << " bytes/frame, mixes "
      << (o.mixes == MixMode::Different ? "different" : "default") << ", fader movers "
      << fmt("%.2f", o.faderMoves) << "\n";
    s << "joined " << r.joined << "/" << o.clients << ", join latency p50 "
      << fmt("%.1f", r.joinP50Ms) << " ms, max " << fmt("%.1f", r.joinMaxMs) << " ms\n";
    s << "window " << fmt("%.2f", r.windowS) << " s, expected " << fmt("%.0f", r.expectedPerClient)
      << " mix packets per client\n";
    s << "delivered min " << fmt("%.4f", r.deliveredMin) << ", median "
      << fmt("%.4f", r.deliveredMedian) << ", mean " << fmt("%.4f", r.deliveredMean) << "; "
      << r.clientsBelowTarget << " clients below 99.5 %\n";
    s << "inter-arrival p50 " << fmt("%.0f", r.interP50Us) << " us, p99 "
      << fmt("%.0f", r.interP99Us) << " us (" << fmt("%.2f", r.interP99Us / periodUs)
      << " periods), max " << fmt("%.0f", r.interMaxUs) << " us, worst client p99 "
      << fmt("%.0f", r.worstClientP99Us) << " us\n";
    s << "send spread per tick p50 " << fmt("%.0f", r.sendSpreadP50Us) << " us, p99 "
      << fmt("%.0f", r.sendSpreadP99Us) << " us (" << r.bursts << " bursts)\n";
    s << "sequence gaps " << r.sequenceGaps << ", wrong sizes " << r.wrongSize;
    if (o.decodeCheck) {
        s << ", decoded " << r.framesDecoded << ", decode errors " << r.decodeErrors << ", silent "
          << r.silentFrames;
    }
    s << ", fader messages " << r.faderMessages << "\n";
    if (r.serverCpuPct) {
        s << "server CPU " << fmt("%.1f", *r.serverCpuPct) << " % of one core";
    }
    if (r.serverRssEndKib) {
        s << ", RSS " << *r.serverRssEndKib << " KiB (idle " << r.serverRssIdleKib.value_or(0)
          << " KiB)";
    }
    if (r.serverCpuPct || r.serverRssEndKib) {
        s << "\n";
    }
    s << "loadgen CPU " << fmt("%.1f", r.selfCpuPct) << " %, send lateness p50 "
      << fmt("%.0f", r.sendLateP50Us) << " us, p99 " << fmt("%.0f", r.sendLateP99Us) << " us, max "
      << fmt("%.0f", r.sendLateMaxUs) << " us, resyncs " << r.sendResyncs << ", send failures "
      << r.sendFailures << ", no kernel timestamp " << r.missingTimestamps << ", frame bank "
      << fmt("%.2f", r.setupS) << " s\n";
    if (!r.loadAvgStart.empty() && !r.loadAvgEnd.empty()) {
        s << "loadavg start " << fmt("%.2f", r.loadAvgStart[0]) << ", end "
          << fmt("%.2f", r.loadAvgEnd[0]) << "\n";
    }
    s << (r.held ? "HELD" : "NOT HELD") << "\n";
    return s.str();
}

std::string formatJson(const LoadResult& r) {
    const auto& o = r.options;
    std::ostringstream s;
    const auto num = [](double v) { return fmt("%.6g", v); };
    const auto opt = [&](const std::optional<double>& v) { return v ? num(*v) : "null"; };
    const auto optl = [](const std::optional<long>& v) {
        return v ? std::to_string(*v) : std::string("null");
    };
    const auto list = [&](const std::vector<double>& v) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            out += num(v[i]);
        }
        return out + "]";
    };
    s << "{\"label\":" << jsonString(o.label) << ",\"clients\":" << o.clients
      << ",\"frame\":" << o.frameSamples << ",\"channels\":" << o.channels
      << ",\"coded_bytes\":" << o.codedBytes() << ",\"mixes\":\""
      << (o.mixes == MixMode::Different ? "different" : "default") << "\""
      << ",\"fader_moves\":" << num(o.faderMoves) << ",\"join_over_s\":" << num(o.joinOverS)
      << ",\"joined\":" << r.joined << ",\"join_p50_ms\":" << num(r.joinP50Ms)
      << ",\"join_max_ms\":" << num(r.joinMaxMs) << ",\"window_s\":" << num(r.windowS)
      << ",\"expected_per_client\":" << num(r.expectedPerClient)
      << ",\"delivered_min\":" << num(r.deliveredMin)
      << ",\"delivered_median\":" << num(r.deliveredMedian)
      << ",\"delivered_mean\":" << num(r.deliveredMean)
      << ",\"clients_below_target\":" << r.clientsBelowTarget
      << ",\"inter_p50_us\":" << num(r.interP50Us) << ",\"inter_p99_us\":" << num(r.interP99Us)
      << ",\"inter_max_us\":" << num(r.interMaxUs)
      << ",\"worst_client_p99_us\":" << num(r.worstClientP99Us)
      << ",\"send_spread_p50_us\":" << num(r.sendSpreadP50Us)
      << ",\"send_spread_p99_us\":" << num(r.sendSpreadP99Us) << ",\"bursts\":" << r.bursts
      << ",\"sequence_gaps\":" << r.sequenceGaps << ",\"wrong_size\":" << r.wrongSize
      << ",\"frames_decoded\":" << r.framesDecoded << ",\"decode_errors\":" << r.decodeErrors
      << ",\"silent_frames\":" << r.silentFrames << ",\"fader_messages\":" << r.faderMessages
      << ",\"server_cpu_pct\":" << opt(r.serverCpuPct)
      << ",\"server_rss_idle_kib\":" << optl(r.serverRssIdleKib)
      << ",\"server_rss_end_kib\":" << optl(r.serverRssEndKib)
      << ",\"loadgen_cpu_pct\":" << num(r.selfCpuPct)
      << ",\"send_late_p50_us\":" << num(r.sendLateP50Us)
      << ",\"send_late_p99_us\":" << num(r.sendLateP99Us)
      << ",\"send_late_max_us\":" << num(r.sendLateMaxUs) << ",\"send_resyncs\":" << r.sendResyncs
      << ",\"send_failures\":" << r.sendFailures
      << ",\"missing_timestamps\":" << r.missingTimestamps
      << ",\"loadgen_realtime\":" << (r.realtime ? "true" : "false")
      << ",\"setup_s\":" << num(r.setupS) << ",\"loadavg_start\":" << list(r.loadAvgStart)
      << ",\"loadavg_end\":" << list(r.loadAvgEnd) << ",\"held\":" << (r.held ? "true" : "false")
      << "}";
    return s.str();
}

}  // namespace tutti::loadgen
