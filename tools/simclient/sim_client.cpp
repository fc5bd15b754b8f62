#include "tools/simclient/sim_client.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <variant>

#include "audio/audio_frame.h"
#include "protocol/connectionless_messages.h"
#include "protocol/framing.h"
#include "protocol/messages.h"
#include "tools/simclient/version_compare.h"

namespace tutti::simclient {
namespace p = tutti::protocol;
namespace {

// Modes are read-only once made and shared by every codec of every client in the process.
const audio::OpusCustomModes& sharedModes() {
    static const audio::OpusCustomModes modes;
    return modes;
}

// Audio that falls this far behind (e.g. the process was descheduled) restarts its clock
// instead of bursting the backlog at the server.
constexpr auto kMaxAudioBacklog = std::chrono::milliseconds(100);

std::uint16_t toFixedPoint(double factor) {
    const double scaled = std::floor(std::clamp(factor, 0.0, 65535.0 / 32768.0) * 32768.0);
    return static_cast<std::uint16_t>(scaled);
}

Clock::duration framePeriod(const SimAudioFormat& f) {
    const auto samples = static_cast<long long>(f.frameSamples()) * f.blockFactor;
    return std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(
        samples * 1'000'000'000LL / static_cast<long long>(p::kSampleRate)));
}

}  // namespace

SimClient::SimClient(SimClientConfig config, std::unique_ptr<PcmSource> source)
    : config_(std::move(config)),
      source_(source ? std::move(source) : std::make_unique<SilenceSource>()),
      socket_(config_.bindHost, config_.localPort),
      server_(makeAddress(config_.serverHost, config_.serverPort)),
      epoch_(Clock::now()) {
    const SimAudioFormat& f = config_.format;
    if (f.frameSamples() == 0 || (f.channels != 1 && f.channels != 2) ||
        (f.blockFactor != 1 && f.blockFactor != 2 && f.blockFactor != 4)) {
        throw std::invalid_argument("SimClient: unsupported audio format");
    }
    encoder_ = std::make_unique<audio::OpusEncoder>(sharedModes(), f.frameSamples(), f.channels);
    if (!encoder_->configure(f.codedBytes)) {
        throw std::invalid_argument("SimClient: invalid coded byte count");
    }
    decoder_ = std::make_unique<audio::OpusDecoder>(sharedModes(), f.frameSamples(), f.channels);
    pcmFrame_.resize(static_cast<std::size_t>(f.frameSamples() * f.channels));
    // Room for the longer form, with sequence numbers, which the server may switch on.
    datagram_.resize(p::audioDatagramBytes(
        p::frameBytesField(static_cast<std::size_t>(f.codedBytes), true), f.blockFactor));
    receiveBuffer_.resize(p::kMaxDatagram + 1);
    record_.pcmChannels = f.channels;
}

SimClient::~SimClient() = default;

// ----------------------------------------------------------------------------- driving

Clock::time_point SimClient::nextWakeup() const {
    if (!started_) {
        return Clock::now();
    }
    auto wake = Clock::time_point::max();
    if (config_.sendAudio && !stopped_) {
        wake = std::min(wake, nextAudio_);
    }
    if (const auto retransmit = session_.nextRetransmit()) {
        wake = std::min(wake, *retransmit);
    }
    if (disconnectAt_) {
        wake = std::min(wake, *disconnectAt_);
    }
    return wake;
}

void SimClient::service(Clock::time_point now) {
    if (!started_) {
        started_ = true;
        nextAudio_ = now;
    }
    sockaddr_in from{};
    while (const auto n = socket_.receive(receiveBuffer_, from)) {
        if (sameAddress(from, server_)) {
            handleDatagram(std::span(receiveBuffer_).first(*n), now);
        }
    }
    if (config_.sendAudio && !stopped_) {
        if (now - nextAudio_ > kMaxAudioBacklog) {
            nextAudio_ = now;
        }
        const auto period = framePeriod(config_.format);
        while (nextAudio_ <= now) {
            sendAudioDatagram();
            nextAudio_ += period;
        }
    }
    if (disconnectAt_ && *disconnectAt_ <= now) {
        disconnectAt_.reset();
        sendConnectionless(p::ClmDisconnectionMsg::kId, {});
    }
    session_.poll(now);
    flushSession();
}

void SimClient::step(Clock::time_point deadline) {
    SimClient* self = this;
    runClients(std::span(&self, 1), deadline);
}

void SimClient::runFor(Clock::duration duration) {
    step(Clock::now() + duration);
}

bool SimClient::runUntil(const std::function<bool()>& done, Clock::duration timeout) {
    SimClient* self = this;
    return runClientsUntil(std::span(&self, 1), done, timeout);
}

void runClients(std::span<SimClient* const> clients, Clock::time_point deadline) {
    runClientsUntil(
        clients, [] { return false; }, deadline - Clock::now());
}

bool runClientsUntil(std::span<SimClient* const> clients, const std::function<bool()>& done,
                     Clock::duration timeout) {
    const auto deadline = Clock::now() + timeout;
    std::vector<int> fds;
    for (const SimClient* c : clients) {
        fds.push_back(c->fd());
    }
    auto readable = std::make_unique<bool[]>(clients.size());
    while (true) {
        auto now = Clock::now();
        for (SimClient* c : clients) {
            c->service(now);
        }
        if (done()) {
            return true;
        }
        now = Clock::now();
        if (now >= deadline) {
            return false;
        }
        auto wake = deadline;
        for (const SimClient* c : clients) {
            wake = std::min(wake, c->nextWakeup());
        }
        waitReadable(fds, std::chrono::duration_cast<std::chrono::microseconds>(wake - now),
                     std::span(readable.get(), clients.size()));
    }
}

// ----------------------------------------------------------------------------- receiving

void SimClient::handleDatagram(std::span<const std::uint8_t> datagram, Clock::time_point now) {
    const auto frame = p::parseFrame(datagram);
    if (!frame) {
        handleAudio(datagram, now);
        return;
    }
    if (p::isConnectionlessId(frame->id)) {
        handleMessage(frame->id, frame->payload, now);
        return;
    }
    if (auto message = session_.receive(*frame, now)) {
        handleMessage(message->id, message->payload, now);
    }
}

void SimClient::handleMessage(std::uint16_t id, std::span<const std::uint8_t> payload,
                              Clock::time_point now) {
    record_.receivedIds.push_back(id);
    auto decoded = p::decodeMessage(id, payload);
    if (!decoded) {
        record_.invalidIds.push_back(id);
        return;
    }
    auto& m = *decoded;
    if (std::holds_alternative<p::ReqSplitMessSupportMsg>(m)) {
        session_.setPeerSupportsSplit(true);
        session_.send(p::SplitMessSupportedMsg{}, now);
    } else if (std::holds_alternative<p::ReqNetwTransportPropsMsg>(m)) {
        sendTransportProps(now);
    } else if (std::holds_alternative<p::ReqJittBufSizeMsg>(m)) {
        session_.send(p::JittBufSizeMsg{config_.jitterBufSize}, now);
    } else if (std::holds_alternative<p::ReqChannelInfosMsg>(m)) {
        sendChannelInfos(now);
    } else if (const auto* v = std::get_if<p::VersionAndOsMsg>(&m)) {
        record_.serverVersion = v->version;
        record_.serverOs = v->os;
        if (config_.format.sequenceNumbers && !sequenceNumbersOn_ &&
            versionAtLeast(v->version, 3, 6, 0)) {
            sequenceNumbersOn_ = true;
            sendTransportProps(now);
        }
    } else if (const auto* c = std::get_if<p::ClientIdMsg>(&m)) {
        record_.clientId = c->channel;
    } else if (const auto* l = std::get_if<p::ConnClientsListMsg>(&m)) {
        record_.clientList = l->entries;
        ++record_.clientListUpdates;
    } else if (const auto* t = std::get_if<p::ChatTextMsg>(&m)) {
        record_.chatTexts.push_back(t->text);
    } else if (const auto* mute = std::get_if<p::MuteStateChangedMsg>(&m)) {
        record_.muteNotices.push_back(*mute);
    } else if (const auto* j = std::get_if<p::JittBufSizeMsg>(&m)) {
        record_.serverJitterSizes.push_back(j->blocks);
    } else if (const auto* r = std::get_if<p::RecorderStateMsg>(&m)) {
        record_.recorderState = r->state;
    } else if (const auto* lic = std::get_if<p::LicenceRequiredMsg>(&m)) {
        record_.licence = lic->type;
    } else if (const auto* levels = std::get_if<p::ClmChannelLevelListMsg>(&m)) {
        record_.levels = levels->levels;
        ++record_.levelListCount;
    } else if (const auto* ping = std::get_if<p::ClmPingMsMsg>(&m)) {
        const auto sentAt = epoch_ + std::chrono::milliseconds(ping->timeMs);
        record_.lastPingRoundTrip =
            std::chrono::duration_cast<std::chrono::microseconds>(now - sentAt);
    } else if (std::holds_alternative<p::ClmServerFullMsg>(m)) {
        ++record_.serverFullCount;
    } else if (std::holds_alternative<p::ClmDisconnectionMsg>(m)) {
        record_.disconnectedByServer = true;
        stopped_ = true;
    }
    flushSession();
}

void SimClient::handleAudio(std::span<const std::uint8_t> datagram, Clock::time_point now) {
    if (stopped_) {
        sendConnectionless(p::ClmDisconnectionMsg::kId, {});
        return;
    }
    ++record_.audioDatagramsReceived;
    // The server may switch to sequence numbers a datagram earlier or later than we do, so
    // both layouts of our format are accepted.
    audio::AudioFrameLayout layout{config_.format.codedBytes, config_.format.blockFactor, false};
    if (static_cast<int>(datagram.size()) != layout.datagramBytes()) {
        layout.sequenceNumbers = true;
    }
    std::array<audio::AudioFrameView, audio::kMaxBlockFactor> frames{};
    const int count = audio::splitAudioDatagram(datagram, layout, frames);
    if (count == 0) {
        ++record_.audioDatagramsWrongLength;
        return;
    }
    for (int i = 0; i < count; ++i) {
        const auto& f = frames[static_cast<std::size_t>(i)];
        if (f.sequence) {
            if (expectedServerSequence_) {
                const auto gap = static_cast<std::uint8_t>(*f.sequence - *expectedServerSequence_);
                if (gap < 128) {  // larger differences are late or repeated frames, not gaps
                    record_.sequenceGaps += gap;
                }
            }
            expectedServerSequence_ = static_cast<std::uint8_t>(*f.sequence + 1);
        }
        if (decoder_->decode(f.coded.data(), static_cast<int>(f.coded.size()), pcmFrame_.data())) {
            ++record_.framesDecoded;
            appendPcm(pcmFrame_);
        } else {
            ++record_.framesUndecodable;
        }
    }
    if (!receivedFirstAudio_) {
        onFirstAudioFromServer(now);
    }
}

void SimClient::onFirstAudioFromServer(Clock::time_point now) {
    // What a 3.x client does on its "new connection" event.
    receivedFirstAudio_ = true;
    sendChannelInfos(now);
    session_.send(p::ReqConnClientsListMsg{}, now);
    session_.send(p::JittBufSizeMsg{config_.jitterBufSize}, now);
    if (config_.sendObsoleteLevelListRequest) {
        session_.send(p::ReqChannelLevelListMsg{1}, now);
    }
    flushSession();
}

void SimClient::appendPcm(std::span<const std::int16_t> frame) {
    auto& pcm = record_.pcm;
    const std::size_t limit =
        config_.maxRecordedFrames * static_cast<std::size_t>(record_.pcmChannels);
    if (pcm.size() + frame.size() > limit) {
        // Drop the older half at once so trimming stays rare.
        const std::size_t drop = std::min(pcm.size(), limit / 2 + frame.size());
        pcm.erase(pcm.begin(), pcm.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    pcm.insert(pcm.end(), frame.begin(), frame.end());
}

// ----------------------------------------------------------------------------- sending

void SimClient::sendAudioDatagram() {
    const audio::AudioFrameLayout layout{config_.format.codedBytes, config_.format.blockFactor,
                                         sequenceNumbersOn_};
    const auto datagram =
        std::span(datagram_).first(static_cast<std::size_t>(layout.datagramBytes()));
    for (int i = 0; i < layout.blockFactor; ++i) {
        source_->fill(pcmFrame_, config_.format.channels);
        const auto slot = audio::codedFrameSlot(datagram, layout, i);
        encoder_->encode(pcmFrame_.data(), slot.data(), layout.codedBytes);
    }
    nextSequence_ = audio::stampSequenceNumbers(datagram, layout, nextSequence_);
    socket_.sendTo(datagram, server_);
    ++record_.audioDatagramsSent;
}

void SimClient::sendTransportProps(Clock::time_point now) {
    const SimAudioFormat& f = config_.format;
    p::NetwTransportPropsMsg props;
    props.frameBytes = static_cast<std::uint32_t>(
        p::frameBytesField(static_cast<std::size_t>(f.codedBytes), sequenceNumbersOn_));
    props.blockFactor = static_cast<std::uint16_t>(f.blockFactor);
    props.channels = static_cast<std::uint8_t>(f.channels);
    props.sampleRate = p::kSampleRate;
    props.codec = static_cast<std::uint16_t>(f.codec);
    props.flags = sequenceNumbersOn_ ? p::NetwTransportPropsMsg::kFlagSequenceNumbers : 0;
    props.codecArg = 0;
    session_.send(props, now);
}

void SimClient::sendChannelInfos(Clock::time_point now) {
    const SimProfile& pr = config_.profile;
    session_.send(p::ChannelInfosMsg{pr.country, pr.instrument, pr.skill, pr.name, pr.city}, now);
}

void SimClient::sendConnectionless(std::uint16_t id, std::span<const std::uint8_t> payload) {
    socket_.sendTo(p::encodeFrame(id, 0, payload), server_);
}

void SimClient::flushSession() {
    for (const auto& d : session_.takeOutgoing()) {
        socket_.sendTo(d, server_);
    }
}

// ----------------------------------------------------------------------------- actions

void SimClient::sendMessage(std::uint16_t id, std::span<const std::uint8_t> payload) {
    session_.send(id, payload, Clock::now());
    flushSession();
}

void SimClient::setGain(std::uint8_t channel, double gain) {
    send(p::ChannelGainMsg{channel, toFixedPoint(gain)});
}

void SimClient::setPan(std::uint8_t channel, double pan) {
    send(p::ChannelPanMsg{channel, toFixedPoint(pan)});
}

void SimClient::sendChat(const std::string& text) {
    send(p::ChatTextMsg{text});
}

void SimClient::setProfile(const SimProfile& profile) {
    config_.profile = profile;
    sendChannelInfos(Clock::now());
    flushSession();
}

void SimClient::requestClientList() {
    send(p::ReqConnClientsListMsg{});
}

void SimClient::sendPing() {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - epoch_);
    const auto payload = p::ClmPingMsMsg{static_cast<std::uint32_t>(ms.count())}.encode();
    sendConnectionless(p::ClmPingMsMsg::kId, payload);
}

void SimClient::setSource(std::unique_ptr<PcmSource> source) {
    source_ = source ? std::move(source) : std::make_unique<SilenceSource>();
}

void SimClient::disconnect(std::chrono::milliseconds delay) {
    stopped_ = true;
    session_.reset();  // a stopped client stops its protocol too
    if (delay.count() <= 0) {
        sendConnectionless(p::ClmDisconnectionMsg::kId, {});
    } else {
        disconnectAt_ = Clock::now() + delay;
    }
}

void SimClient::sendRaw(std::span<const std::uint8_t> datagram) {
    socket_.sendTo(datagram, server_);
}

}  // namespace tutti::simclient
