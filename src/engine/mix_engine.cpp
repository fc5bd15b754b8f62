#include "src/engine/mix_engine.h"

#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "audio/mix.h"
#include "protocol/level_list_datagram.h"
#include "src/engine/realtime_priority.h"
#include "src/engine/thread_name.h"

namespace tutti::engine {

namespace {
// Level lists go out every ~269 ms: 101 ticks of 128 samples (201 of 64), as Jamulus does.
int ticksPerLevelList(int tickSamples) {
    return tickSamples == 64 ? 201 : 101;
}

int helperThreads(int requested) {
    if (requested >= 0) {
        return requested;
    }
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 1 ? static_cast<int>(cores) - 1 : 0;
}

int64_t monotonicNs() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

constexpr int kMixPriority = 70;  // below the kernel's own IRQ threads (50 is the usual default)
}  // namespace

MixChannel::MixChannel(const audio::OpusCustomModes& modes) {
    for (int s = 0; s < 2; ++s) {
        const int frameSamples = s == 0 ? audio::kSmallFrameSamples : audio::kNormalFrameSamples;
        for (int c = 0; c < 2; ++c) {
            decoders[s][c] = std::make_unique<audio::OpusDecoder>(modes, frameSamples, c + 1);
            encoders[s][c] = std::make_unique<audio::OpusEncoder>(modes, frameSamples, c + 1);
        }
    }
}

MixEngine::MixEngine(const MixConfig& config, const net::UdpSocket& socket, RtLink& link)
    : config_(config),
      socket_(socket),
      link_(link),
      grouping_(config.maxChannels),
      keys_(static_cast<std::size_t>(config.maxChannels)),
      sourceActive_(std::make_unique<bool[]>(static_cast<std::size_t>(config.maxChannels))),
      pool_(helperThreads(config.workerThreads)),
      batch_(static_cast<std::size_t>(config.maxChannels) * 4,
             static_cast<std::size_t>(config.maxChannels) * 4 * (kMaxAudioDatagram + 64)),
      levels_(static_cast<std::size_t>(config.maxChannels)),
      ticksPerLevelList_(ticksPerLevelList(config.tickSamples)),
      ticksPerFrameBoundary_(std::max(1, kMaxFrameSamples / config.tickSamples)) {
    channels_.reserve(static_cast<std::size_t>(config.maxChannels));
    for (int i = 0; i < config.maxChannels; ++i) {
        channels_.push_back(std::make_unique<MixChannel>(modes_));
        resetChannel(i);
    }
    scratch_.resize(static_cast<std::size_t>(pool_.threads()));
    activeSlots_.reserve(static_cast<std::size_t>(config.maxChannels));
    sources_.reserve(static_cast<std::size_t>(config.maxChannels));
    stats_.workerThreads.store(pool_.threads());
    // Test hook (tools/package-test.sh proves the systemd watchdog with it): with
    // TUTTI_TEST_STALL_MIX_AFTER_MS=N the mix loop stops passing N ms after start, as a hung
    // mix thread would. Read once here; the loop only tests a plain integer.
    if (const char* stall = std::getenv("TUTTI_TEST_STALL_MIX_AFTER_MS")) {
        testStallAfterNs_ = std::max(0LL, std::atoll(stall)) * 1000000;
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
    nameCurrentThread("tutti-mix");
    if (config_.realtime) {
        bool ok = makeCurrentThreadRealtime(kMixPriority);
        for (auto& t : pool_.helperThreads()) {
            ok = makeThreadRealtime(t, kMixPriority - 1) && ok;
        }
        stats_.realtimeScheduling.store(ok ? 1 : 0);
    }
    DeadlineClock clock(config_.tickSamples);
    bool idle = true;
    const int64_t testStallAtNs = testStallAfterNs_ > 0 ? steadyNowNs() + testStallAfterNs_ : 0;
    while (running_.load(std::memory_order_relaxed)) {
        if (testStallAtNs != 0 && steadyNowNs() >= testStallAtNs) [[unlikely]] {
            timespec ts{0, 10000000};  // stalled on purpose: no tick, no heartbeat
            nanosleep(&ts, nullptr);
            continue;
        }
        link_.counters.mixLoops.fetch_add(1, std::memory_order_relaxed);
        auto anyActive = [this] {
            return std::any_of(channels_.begin(), channels_.end(),
                               [](auto& c) { return c->active; });
        };
        // Control changes land at frame boundaries (no listener holds half a frame then);
        // with nobody connected every moment is one.
        if (tickCount_ % static_cast<uint64_t>(ticksPerFrameBoundary_) == 0 || !anyActive()) {
            applyCommands();
        }
        if (!anyActive()) {
            // Nobody to serve: poll for commands at a relaxed pace instead of ticking (and
            // read the socket the moment something arrives, when this thread reads it).
            if (pump_ != nullptr) {
                pump_->waitAndDrain(2000000);
            } else {
                timespec ts{0, 2000000};
                nanosleep(&ts, nullptr);
            }
            idle = true;
            continue;
        }
        if (idle) {
            clock.restart();
            idle = false;
            // Start on a frame boundary so every listener's frames line up with the others'.
            const auto n = static_cast<uint64_t>(ticksPerFrameBoundary_);
            tickCount_ += (n - tickCount_ % n) % n;
        }
        const int64_t deadline = clock.nextDeadlineNs();
        waitForTick(clock);
        tick(deadline);
        if (const int64_t skipped = clock.resyncIfBehind(8); skipped > 0) {
            link_.counters.lateTicks.fetch_add(static_cast<uint64_t>(skipped),
                                               std::memory_order_relaxed);
        }
    }
}

void MixEngine::waitForTick(DeadlineClock& clock) {
    const int64_t deadline = clock.nextDeadlineNs();
    const int drains = pump_ != nullptr ? std::max(1, config_.receiveDrainsPerTick) : 0;
    // Reads between ticks, evenly spaced: pings and acknowledgements reach the control thread
    // within a fraction of a period, and the read just before the tick has less to do. A point
    // already past (the previous tick ran long) is skipped.
    for (int k = drains - 1; k >= 1; --k) {
        const int64_t at = deadline - k * clock.periodNs() / drains;
        if (monotonicNs() >= at) {
            continue;
        }
        const timespec ts{static_cast<time_t>(at / 1000000000LL),
                          static_cast<long>(at % 1000000000LL)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
        }
        pump_->drainNow();
    }
    if (clock.waitNext() > clock.periodNs()) {
        link_.counters.lateTicks.fetch_add(1, std::memory_order_relaxed);
    }
    if (pump_ != nullptr) {
        pump_->drainNow();  // everything that arrived before the deadline joins this tick
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
    ch.hadInput = false;
    ch.decodedFrames = 0;
    ch.mixFrames = 0;
    ch.encodedCount = 0;
    ch.pendingFrames = 0;
    ch.fade.reset();
    ch.level.reset();
    ch.jitter.configure(0, false);
    ch.gain.fill(1.0f);
    ch.pan.fill(0.5f);
    grouping_.resetStream(slot);
    groupsDirty_ = true;
}

void MixEngine::apply(const MixCommand& c) {
    if (c.slot < 0 || c.slot >= config_.maxChannels) {
        return;
    }
    MixChannel& ch = *channels_[c.slot];
    groupsDirty_ = true;
    switch (c.kind) {
        case MixCommand::Kind::Connect:
            resetChannel(c.slot);
            ch.jitterBase = ch.jitter.stats();
            ch.datagramsSent = 0;
            ch.lastLevel = 0;
            publishFigures(c.slot);
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
            ch.decodedFrames = 0;
            ch.mixFrames = 0;
            ch.decoder().reset();
            ch.encoder().reset();
            ch.encoder().configure(c.props.codedBytes);
            ch.jitter.configure(c.props.codedBytes, c.props.sequenceNumbers, c.props.frameSamples);
            grouping_.resetStream(c.slot);
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
        case MixCommand::Kind::SetDelayPan:
            // Read by the workers only inside a tick, after the commands were applied.
            config_.delayPan = c.value != 0;
            break;
    }
}

void MixEngine::drainAudio(int slot) {
    MixChannel& ch = *channels_[slot];
    SpscRing<AudioPacket>& ring = *link_.audio[slot];
    const bool fadeWasComplete = ch.fade.complete();
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
    if (ch.fade.complete() != fadeWasComplete) {
        groupsDirty_ = true;  // its own mix may now equal others'
    }
    if (auto changed = ch.jitter.takeAutoSizeChange()) {
        // Dropped if the control thread lags far behind; the next change is reported anyway.
        link_.mixEvents.push(MixEvent{MixEvent::Kind::AutoJitterSizeChanged, slot, *changed});
    }
}

void MixEngine::recomputeGroups() {
    for (int i = 0; i < config_.maxChannels; ++i) {
        const MixChannel& ch = *channels_[i];
        sourceActive_[i] = ch.hasFormat();
        ListenerMixKey& k = keys_[i];
        k.eligible = ch.eligibleListener() && ch.props.frameSamples <= kMaxFrameSamples;
        k.groupable = ch.fade.complete();
        k.frameSamples = ch.props.frameSamples;
        // Delay panning makes pan matter even where amplitude pan would be neutral; the key
        // compares pans for every stereo listener anyway.
        k.channels = ch.props.channels;
        k.codedBytes = ch.props.codedBytes;
        k.gain = ch.gain.data();
        k.pan = ch.pan.data();
    }
    grouping_.recompute(keys_.data(), sourceActive_.get());
    for (const EncoderCopy& c : grouping_.pendingCopies()) {
        channels_[c.target]->encoder().copyStateFrom(channels_[c.source]->encoder());
    }
    grouping_.clearPendingCopies();
    stats_.groupRecomputes.fetch_add(1, std::memory_order_relaxed);
    groupsDirty_ = false;
}

void MixEngine::decodeInput(int slot) {
    MixChannel& ch = *channels_[slot];
    ch.hadInput = ch.hasInput;
    ch.hasInput = false;
    if (!ch.hasFormat()) {
        return;
    }
    const int n = config_.tickSamples;
    const int channels = ch.props.channels;
    uint8_t coded[kMaxAudioDatagram];
    while (ch.decodedFrames < n) {
        int16_t* pcm = ch.decoded.data() + ch.decodedFrames * channels;
        const bool arrived = ch.jitter.get(coded);
        const bool decoded = arrived && ch.decoder().decode(coded, ch.props.codedBytes, pcm);
        if (arrived && !decoded) {
            link_.counters.decodeErrors.fetch_add(1, std::memory_order_relaxed);
        }
        if (!decoded) {
            ch.decoder().conceal(pcm);
            link_.counters.concealedFrames.fetch_add(1, std::memory_order_relaxed);
        }
        ch.decodedFrames += ch.props.frameSamples;
    }
    std::memcpy(ch.inputPcm.data(), ch.decoded.data(),
                static_cast<std::size_t>(n * channels) * sizeof(int16_t));
    ch.decodedFrames -= n;
    if (ch.decodedFrames > 0) {
        // The second half of a 128-sample frame waits for the next 64-sample tick.
        std::memmove(ch.decoded.data(), ch.decoded.data() + n * channels,
                     static_cast<std::size_t>(ch.decodedFrames * channels) * sizeof(int16_t));
    }
    ch.inputIndex ^= 1;
    if (!ch.hadInput) {
        // Delay panning reaches into the previous tick: silence if there was none.
        std::fill(ch.input[ch.inputIndex ^ 1].begin(), ch.input[ch.inputIndex ^ 1].end(), 0.0f);
    }
    audio::int16ToFloat(ch.inputPcm.data(), ch.input[ch.inputIndex].data(), n * channels);
    ch.hasInput = true;
}

void MixEngine::mixGroup(int leader, int worker) {
    MixChannel& me = *channels_[leader];
    if (!me.eligibleListener()) {
        return;
    }
    const int outChannels = me.props.channels;
    const int n = config_.tickSamples;
    float* mix = scratch_[static_cast<std::size_t>(worker)].data();
    std::fill(mix, mix + n * outChannels, 0.0f);

    const float listenerFade = me.fade.factor();
    for (const MixSource& src : sources_) {
        const int s = src.slot;
        // The newcomer hears the others fade in too; one's own signal only fades with itself.
        const float g = me.gain[s] * src.fade * (s == leader ? 1.0f : listenerFade);
        if (g <= 0.0f) {
            continue;
        }
        if (outChannels == 2 && config_.delayPan) {
            audio::mixDelayPanned(mix, src.current, src.previous, src.channels, n, g,
                                  audio::delayPanSamples(me.pan[s]));
        } else if (outChannels == 2) {
            const audio::PanGains pg = audio::panGains(g, me.pan[s]);
            audio::mixInto(mix, 2, src.current, src.channels, n, pg.left, pg.right);
        } else {
            audio::mixInto(mix, 1, src.current, src.channels, n, g, g);
        }
    }
    if (externalActive_) {
        // The same for every listener, so groups of identical mixes stay identical.
        audio::mixInto(mix, outChannels, externalPcm_.data(), 2, n, listenerFade, listenerFade);
    }
    audio::convertToInt16Saturating(mix, me.mixPcm.data() + me.mixFrames * outChannels,
                                    n * outChannels);
    me.mixFrames += n;

    // Encode every complete frame: one per tick normally, two for 64-sample listeners on a
    // 128-sample tick, one every second tick for 128-sample listeners on a 64-sample tick.
    const int frameSamples = me.props.frameSamples;
    me.encodedCount = 0;
    int encodes = 0;
    for (int offset = 0; offset + frameSamples <= me.mixFrames; offset += frameSamples) {
        const int16_t* pcm = me.mixPcm.data() + offset * outChannels;
        uint8_t* out = me.encoded[static_cast<std::size_t>(me.encodedCount)].data();
        me.encoder().encode(pcm, out, me.props.codedBytes);
        ++encodes;
        for (int m : grouping_.membersOf(leader)) {
            if (!grouping_.converging(m)) {
                continue;
            }
            // A member still on its own stream encodes the same PCM until its bytes match.
            MixChannel& member = *channels_[m];
            uint8_t* own = member.encoded[static_cast<std::size_t>(me.encodedCount)].data();
            member.encoder().encode(pcm, own, member.props.codedBytes);
            member.encodedCount = me.encodedCount + 1;
            ++encodes;
            grouping_.reportFrame(
                m, std::memcmp(own, out, static_cast<std::size_t>(me.props.codedBytes)) == 0);
        }
        ++me.encodedCount;
    }
    if (me.encodedCount > 0) {
        me.mixFrames = 0;
    }
    encodesThisTick_.fetch_add(static_cast<uint64_t>(encodes), std::memory_order_relaxed);
}

void MixEngine::packAndQueue(int listener) {
    MixChannel& me = *channels_[listener];
    const int leader = grouping_.leaderOf(listener);
    if (leader < 0 || !me.eligibleListener()) {
        return;
    }
    const bool shared = grouping_.sharesLeaderFrames(listener);
    const MixChannel& from = shared ? *channels_[leader] : me;
    const int frames = shared ? from.encodedCount : me.encodedCount;
    const int frameBytes = me.props.frameBytes();
    for (int f = 0; f < frames; ++f) {
        uint8_t* out = me.pending.data() + me.pendingFrames * frameBytes;
        std::memcpy(out, from.encoded[static_cast<std::size_t>(f)].data(),
                    static_cast<std::size_t>(me.props.codedBytes));
        if (me.props.sequenceNumbers) {
            out[me.props.codedBytes] = me.outSequence++;
        }
        if (++me.pendingFrames == me.props.blockFactor) {
            const std::size_t bytes = static_cast<std::size_t>(frameBytes * me.props.blockFactor);
            std::span<uint8_t> dst = batch_.add(me.address, bytes);
            if (!dst.empty()) {
                std::memcpy(dst.data(), me.pending.data(), bytes);
                ++me.datagramsSent;
            }
            me.pendingFrames = 0;
        }
    }
    if (shared && frames > 0) {
        stats_.sharedEncodeSends.fetch_add(static_cast<uint64_t>(frames),
                                           std::memory_order_relaxed);
    }
}

void MixEngine::sendLevels() {
    std::size_t count = 0;
    for (auto& ch : channels_) {
        if (!ch->active) {
            continue;
        }
        levels_[count++] = static_cast<uint8_t>(
            ch->hasInput
                ? ch->level.update(ch->inputPcm.data(), config_.tickSamples, ch->props.channels)
                : ch->level.update(ch->inputPcm.data(), 0, 1));
        ch->lastLevel = levels_[count - 1];
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

void MixEngine::publishFigures(int slot) {
    const MixChannel& ch = *channels_[slot];
    const audio::JitterBufferStats& js = ch.jitter.stats();
    ChannelFigures& f = link_.figures[slot];
    constexpr auto kRelaxed = std::memory_order_relaxed;
    f.level.store(ch.lastLevel, kRelaxed);
    f.jitterBufferSize.store(ch.jitter.currentSize(), kRelaxed);
    f.packetsReceived.store(js.received - ch.jitterBase.received, kRelaxed);
    f.packetsLost.store(js.underruns - ch.jitterBase.underruns, kRelaxed);
    f.packetsLate.store(js.late + js.overruns - ch.jitterBase.late - ch.jitterBase.overruns,
                        kRelaxed);
    f.datagramsSent.store(ch.datagramsSent, kRelaxed);
}

void MixEngine::decodeJob(void* self, int index, int /*worker*/) {
    auto* e = static_cast<MixEngine*>(self);
    e->decodeInput(e->activeSlots_[static_cast<std::size_t>(index)]);
}

void MixEngine::mixJob(void* self, int index, int worker) {
    auto* e = static_cast<MixEngine*>(self);
    e->mixGroup(e->grouping_.leaders()[static_cast<std::size_t>(index)], worker);
}

void MixEngine::handOffInputs() {
    RecorderTap* tap = tap_.load(std::memory_order_acquire);
    const bool recording = tap != nullptr && tap->beginTick();
    MixOutSink* out = mixOut_.load(std::memory_order_acquire);
    const bool mixingOut = out != nullptr && out->beginTick(config_.tickSamples);
    if (!recording && !mixingOut) {
        return;
    }
    // With --recordmix the recorder tap builds the default mix anyway; mix out takes that one.
    const bool ownMix = mixingOut && !(recording && tap->recordsMix());
    const bool perChannel = mixingOut && out->wantsChannels();
    const int frames = config_.tickSamples;
    if (ownMix) {
        std::fill(sessionMix_.begin(), sessionMix_.begin() + frames * 2, 0.0f);
    }
    for (int s : activeSlots_) {
        const MixChannel& ch = *channels_[s];
        if (!ch.hasInput) {
            continue;
        }
        if (recording) {
            tap->addChannel(s, ch.generation, ch.props.channels, ch.inputPcm.data(),
                            ch.currentInput(), frames);
        }
        if (perChannel) {
            out->channel(s, ch.props.channels, ch.currentInput(), frames);
        }
        if (ownMix) {
            RecorderTap::addToDefaultMix(sessionMix_.data(), ch.currentInput(), ch.props.channels,
                                         frames);
        }
    }
    if (recording) {
        tap->endTick();
    }
    if (mixingOut) {
        out->endTick(ownMix ? sessionMix_.data() : tap->lastMix(), frames);
    }
}

void MixEngine::tick(int64_t deadlineNs) {
    const int64_t start = monotonicNs();
    link_.counters.ticks.fetch_add(1, std::memory_order_relaxed);
    encodesThisTick_.store(0, std::memory_order_relaxed);

    activeSlots_.clear();
    for (int s = 0; s < config_.maxChannels; ++s) {
        drainAudio(s);
        channels_[s]->encodedCount = 0;
        if (channels_[s]->active) {
            activeSlots_.push_back(s);
        } else {
            channels_[s]->hasInput = false;
        }
    }
    // Groups change only at frame boundaries, where no listener has half a frame accumulated.
    if (groupsDirty_ && tickCount_ % static_cast<uint64_t>(ticksPerFrameBoundary_) == 0) {
        recomputeGroups();
    }

    pool_.beginBurst();
    pool_.run(&MixEngine::decodeJob, this, static_cast<int>(activeSlots_.size()));
    // Every listener's mix walks the sources: only those with audio this tick, in slot order
    // (the order of the sums, so mixes stay bit-identical within a group), from one small
    // table instead of N channel structures, with the fade factor worked out once per source
    // rather than once per listener and source.
    sources_.clear();
    for (int s : activeSlots_) {
        const MixChannel& ch = *channels_[s];
        if (ch.hasInput) {
            sources_.push_back(MixSource{ch.currentInput(), ch.previousInput(), s,
                                         ch.props.channels, ch.fade.factor()});
        }
    }
    handOffInputs();
    ExternalInput* external = externalInput_.load(std::memory_order_acquire);
    externalActive_ =
        external != nullptr && external->pull(externalPcm_.data(), config_.tickSamples);
    pool_.run(&MixEngine::mixJob, this, static_cast<int>(grouping_.leaders().size()));
    pool_.endBurst();

    for (int s : activeSlots_) {
        packAndQueue(s);
    }
    if (++tickCount_ % static_cast<uint64_t>(ticksPerLevelList_) == 0) {
        sendLevels();
        for (int s : activeSlots_) {
            publishFigures(s);
        }
    }
    const std::size_t queued = batch_.size();
    link_.counters.mixBytesSent.fetch_add(batch_.queuedBytes(), std::memory_order_relaxed);
    const std::size_t refused = batch_.flush(socket_);
    link_.counters.mixDatagramsSent.fetch_add(queued - refused, std::memory_order_relaxed);
    link_.counters.sendFailures.fetch_add(refused, std::memory_order_relaxed);

    const int64_t end = monotonicNs();
    const int64_t periodNs = static_cast<int64_t>(config_.tickSamples) * 1000000000LL / 48000;
    stats_.recordTick(
        static_cast<uint64_t>(end - start), static_cast<uint64_t>(periodNs),
        deadlineNs > 0 && end > deadlineNs ? static_cast<uint64_t>(end - deadlineNs) : 0,
        encodesThisTick_.load(std::memory_order_relaxed));
}

}  // namespace tutti::engine
