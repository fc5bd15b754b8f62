#include "src/engine/mix_engine.h"

#include <time.h>

#include <algorithm>
#include <cstring>

#include "audio/mix.h"
#include "protocol/level_list_datagram.h"

namespace tutti::engine {

namespace {
// Level lists go out every ~269 ms: 101 ticks of 128 samples (201 of 64), as Jamulus does.
int ticksPerLevelList(int tickSamples) {
    return tickSamples == 64 ? 201 : 101;
}
}  // namespace

MixChannel::MixChannel(const audio::OpusCustomModes& modes) {
    for (int s = 0; s < 2; ++s) {
        for (int c = 0; c < 2; ++c) {
            decoders[s][c] = std::make_unique<audio::OpusDecoder>(modes, s == 0 ? 64 : 128, c + 1);
            encoders[s][c] = std::make_unique<audio::OpusEncoder>(modes, s == 0 ? 64 : 128, c + 1);
        }
    }
}

MixEngine::MixEngine(const MixConfig& config, const net::UdpSocket& socket, RtLink& link)
    : config_(config),
      socket_(socket),
      link_(link),
      batch_(static_cast<std::size_t>(config.maxChannels) * 4,
             static_cast<std::size_t>(config.maxChannels) * 4 * (kMaxAudioDatagram + 64)),
      mixBuffer_(kMaxTickSamples * 2),
      mixPcm_(kMaxTickSamples * 2),
      levels_(static_cast<std::size_t>(config.maxChannels)),
      ticksPerLevelList_(ticksPerLevelList(config.tickSamples)) {
    channels_.reserve(config.maxChannels);
    for (int i = 0; i < config.maxChannels; ++i) {
        channels_.push_back(std::make_unique<MixChannel>(modes_));
    }
}

MixEngine::~MixEngine() {
    stop();
}

void MixEngine::start() {
    running_ = true;
    thread_ = std::thread([this] { run(); });
}

void MixEngine::stop() {
    running_ = false;
    if (thread_.joinable()) {
        thread_.join();
    }
}

void MixEngine::run() {
    DeadlineClock clock(config_.tickSamples);
    bool idle = true;
    while (running_.load(std::memory_order_relaxed)) {
        applyCommands();
        const bool anyActive =
            std::any_of(channels_.begin(), channels_.end(), [](auto& c) { return c->active; });
        if (!anyActive) {
            // Nobody to serve: poll for commands at a relaxed pace instead of ticking.
            timespec ts{0, 2000000};
            nanosleep(&ts, nullptr);
            idle = true;
            continue;
        }
        if (idle) {
            clock.restart();
            idle = false;
        }
        if (clock.waitNext() > clock.periodNs()) {
            link_.counters.lateTicks.fetch_add(1, std::memory_order_relaxed);
        }
        tick();
        clock.resyncIfBehind(8);
    }
}

void MixEngine::applyCommands() {
    while (MixCommand* c = link_.mixCommands.beginRead()) {
        apply(*c);
        link_.mixCommands.commitRead();
    }
}

void MixEngine::resetChannel(int slot) {
    MixChannel& ch = *channels_[slot];
    ch.hasProps = false;
    ch.identified = false;
    ch.hasInput = false;
    ch.pendingFrames = 0;
    ch.fade.reset();
    ch.level.reset();
    ch.jitter.configure(0, false);
    ch.gain.fill(1.0f);
    ch.pan.fill(0.5f);
}

void MixEngine::apply(const MixCommand& c) {
    if (c.slot < 0 || c.slot >= config_.maxChannels) {
        return;
    }
    MixChannel& ch = *channels_[c.slot];
    switch (c.kind) {
        case MixCommand::Kind::Connect:
            resetChannel(c.slot);
            ch.active = true;
            ch.generation = c.generation;
            ch.address = c.address;
            // Every other listener starts hearing the newcomer at gain 1, centre.
            for (auto& other : channels_) {
                other->gain[c.slot] = 1.0f;
                other->pan[c.slot] = 0.5f;
            }
            break;
        case MixCommand::Kind::Disconnect:
            resetChannel(c.slot);
            ch.active = false;
            break;
        case MixCommand::Kind::SetProps:
            ch.props = c.props;
            ch.hasProps = true;
            ch.pendingFrames = 0;
            ch.decoder().reset();
            ch.encoder().reset();
            ch.encoder().configure(c.props.codedBytes);
            ch.jitter.configure(c.props.codedBytes, c.props.sequenceNumbers, c.props.frameSamples);
            break;
        case MixCommand::Kind::SetIdentified:
            ch.identified = true;
            break;
        case MixCommand::Kind::SetJitterSize:
            ch.jitter.setRequestedSize(static_cast<int>(c.value));
            break;
        case MixCommand::Kind::SetGain:
            if (c.other >= 0 && c.other < config_.maxChannels) {
                ch.gain[c.other] = c.value;
            }
            break;
        case MixCommand::Kind::SetPan:
            if (c.other >= 0 && c.other < config_.maxChannels) {
                ch.pan[c.other] = c.value;
            }
            break;
    }
}

void MixEngine::drainAudio(MixChannel& ch, SpscRing<AudioPacket>& ring) {
    while (AudioPacket* p = ring.beginRead()) {
        if (p->generation != ch.generation || !ch.active) {
            ring.commitRead();  // left over from the slot's previous occupant
            continue;
        }
        if (!ch.hasProps || p->size != ch.props.datagramBytes()) {
            // Before the first valid props every datagram has the wrong size (PROTOCOL.md 8.3).
            link_.counters.droppedWrongSize.fetch_add(1, std::memory_order_relaxed);
            ring.commitRead();
            continue;
        }
        const int frameBytes = ch.props.frameBytes();
        for (int f = 0; f < ch.props.blockFactor; ++f) {
            const uint8_t* frame = p->bytes + f * frameBytes;
            std::optional<uint8_t> seq;
            if (ch.props.sequenceNumbers) {
                seq = frame[ch.props.codedBytes];
            }
            ch.jitter.put(frame, ch.props.codedBytes, seq);
        }
        if (ch.identified) {
            ch.fade.addReceived(ch.props.frameSamples * ch.props.blockFactor);
        }
        ring.commitRead();
    }
    if (auto changed = ch.jitter.takeAutoSizeChange()) {
        // Dropped if the control thread lags far behind; the next change is reported anyway.
        link_.mixEvents.push(MixEvent{MixEvent::Kind::AutoJitterSizeChanged,
                                      static_cast<int>(&ch - channels_[0].get()), *changed});
    }
}

void MixEngine::decodeInput(MixChannel& ch) {
    ch.hasInput = false;
    if (!ch.active || !ch.hasProps || ch.props.frameSamples > config_.tickSamples) {
        return;
    }
    const int frames = config_.tickSamples / ch.props.frameSamples;
    const int samplesPerFrame = ch.props.frameSamples * ch.props.channels;
    uint8_t coded[kMaxAudioDatagram];
    for (int f = 0; f < frames; ++f) {
        int16_t* pcm = ch.inputPcm.data() + f * samplesPerFrame;
        if (!ch.jitter.get(coded) || !ch.decoder().decode(coded, ch.props.codedBytes, pcm)) {
            ch.decoder().conceal(pcm);
            link_.counters.concealedFrames.fetch_add(1, std::memory_order_relaxed);
        }
    }
    audio::int16ToFloat(ch.inputPcm.data(), ch.input.data(),
                        config_.tickSamples * ch.props.channels);
    ch.hasInput = true;
}

void MixEngine::mixAndSend(int listener) {
    MixChannel& me = *channels_[listener];
    if (!me.active || !me.hasProps || !me.identified ||
        me.props.frameSamples > config_.tickSamples) {
        return;
    }
    const int outChannels = me.props.channels;
    const int n = config_.tickSamples;
    std::fill(mixBuffer_.begin(), mixBuffer_.begin() + n * outChannels, 0.0f);

    const float listenerFade = me.fade.factor();
    for (int s = 0; s < config_.maxChannels; ++s) {
        const MixChannel& src = *channels_[s];
        if (!src.hasInput) {
            continue;
        }
        // The newcomer hears the others fade in too; one's own signal only fades with itself.
        const float g = me.gain[s] * src.fade.factor() * (s == listener ? 1.0f : listenerFade);
        if (g <= 0.0f) {
            continue;
        }
        if (outChannels == 2) {
            const audio::PanGains pg = audio::panGains(g, me.pan[s]);
            audio::mixInto(mixBuffer_.data(), 2, src.input.data(), src.props.channels, n, pg.left,
                           pg.right);
        } else {
            audio::mixInto(mixBuffer_.data(), 1, src.input.data(), src.props.channels, n, g, g);
        }
    }
    audio::convertToInt16Saturating(mixBuffer_.data(), mixPcm_.data(), n * outChannels);

    const int frames = n / me.props.frameSamples;
    const int frameBytes = me.props.frameBytes();
    for (int f = 0; f < frames; ++f) {
        uint8_t* out = me.pending.data() + me.pendingFrames * frameBytes;
        me.encoder().encode(mixPcm_.data() + f * me.props.frameSamples * outChannels, out,
                            me.props.codedBytes);
        if (me.props.sequenceNumbers) {
            out[me.props.codedBytes] = me.outSequence++;
        }
        if (++me.pendingFrames == me.props.blockFactor) {
            const std::size_t bytes = static_cast<std::size_t>(frameBytes * me.props.blockFactor);
            std::span<uint8_t> dst = batch_.add(me.address, bytes);
            if (!dst.empty()) {
                std::memcpy(dst.data(), me.pending.data(), bytes);
            }
            me.pendingFrames = 0;
        }
    }
}

void MixEngine::sendLevels() {
    std::size_t count = 0;
    for (auto& ch : channels_) {
        if (!ch->active) {
            continue;
        }
        const int samples = ch->hasInput ? config_.tickSamples : 0;
        levels_[count++] = static_cast<uint8_t>(
            ch->level.update(ch->inputPcm.data(), samples, ch->hasInput ? ch->props.channels : 1));
    }
    uint8_t datagram[256];  // 150 channels need 75 level bytes + 9
    const std::size_t bytes = protocol::encodeLevelListDatagram(
        std::span<const uint8_t>(levels_.data(), count), std::span<uint8_t>(datagram));
    if (bytes == 0) {
        return;
    }
    for (auto& ch : channels_) {
        if (ch->active) {
            std::span<uint8_t> dst = batch_.add(ch->address, bytes);
            if (!dst.empty()) {
                std::memcpy(dst.data(), datagram, bytes);
            }
        }
    }
}

void MixEngine::tick() {
    link_.counters.ticks.fetch_add(1, std::memory_order_relaxed);
    for (int s = 0; s < config_.maxChannels; ++s) {
        MixChannel& ch = *channels_[s];
        drainAudio(ch, *link_.audio[s]);
        decodeInput(ch);
    }
    for (int s = 0; s < config_.maxChannels; ++s) {
        mixAndSend(s);
    }
    if (++tickCount_ % static_cast<uint64_t>(ticksPerLevelList_) == 0) {
        sendLevels();
    }
    const std::size_t queued = batch_.size();
    const std::size_t refused = batch_.flush(socket_);
    link_.counters.mixDatagramsSent.fetch_add(queued - refused, std::memory_order_relaxed);
    link_.counters.sendFailures.fetch_add(refused, std::memory_order_relaxed);
}

}  // namespace tutti::engine
