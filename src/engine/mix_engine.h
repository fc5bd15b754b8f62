#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "audio/opus_codec.h"
#include "src/engine/deadline_clock.h"
#include "src/engine/engine_stats.h"
#include "src/engine/external_input.h"
#include "src/engine/inbound_pump.h"
#include "src/engine/mix_channel.h"
#include "src/engine/mix_grouping.h"
#include "src/engine/mix_out_sink.h"
#include "src/engine/recorder_tap.h"
#include "src/engine/rt_link.h"
#include "src/engine/worker_pool.h"
#include "src/net/udp_socket.h"

namespace tutti::engine {

struct MixConfig {
    int maxChannels = 10;
    int tickSamples = 128;  // 64 with -F
    bool delayPan = false;  // -P
    int workerThreads = 0;  // helper threads besides the mix thread; -1 = cores - 1
    bool realtime = true;   // ask for SCHED_FIFO
    // With an InboundPump: how often per tick period the mix thread reads the socket (once
    // just before the tick, the others evenly spaced in between so that protocol messages
    // wait at most a period / this). Without one, a receive thread of its own reads it.
    int receiveDrainsPerTick = 2;
};

// The real-time mix thread. Every tick (absolute deadlines) it decodes one tick of audio per
// channel, builds one mix per group of listeners whose mixes are identical, encodes it once in
// that group's format and sends the bytes to every member. Decoding and mixing are spread over
// a fixed worker pool. It owns all of its state; the control thread talks to it only through
// RtLink queues.
class MixEngine {
  public:
    MixEngine(const MixConfig& config, const net::UdpSocket& socket, RtLink& link);
    ~MixEngine();
    void start();
    void stop();

    // Optional hand-off of decoded audio to the recorder. May be set while the engine runs (a
    // recording directory configured at run time); the tap must outlive the engine's thread.
    void setRecorderTap(RecorderTap* tap) { tap_.store(tap, std::memory_order_release); }
    // Optional live mix out (JACK/ALSA): gets the same default mix as --recordmix, computed
    // once per tick for both. Same lifetime rule as the recorder tap.
    void setMixOutSink(MixOutSink* sink) { mixOut_.store(sink, std::memory_order_release); }
    // Optional outside audio (--mixoutinput) added to every listener's mix at unity gain.
    void setExternalInput(ExternalInput* input) {
        externalInput_.store(input, std::memory_order_release);
    }
    // The socket's reader, when the mix thread reads it itself (see MixConfig); before start().
    void setInboundPump(InboundPump* pump) { pump_ = pump; }
    const EngineStats& stats() const { return stats_; }

    // One tick of work without the clock; public so tests can drive the engine directly.
    // deadlineNs (steady clock) is only used for statistics.
    void tick(int64_t deadlineNs = 0);
    // Applies queued control commands, as the thread does at frame boundaries.
    void applyCommandsForTest() { applyCommands(); }
    const MixGrouping& groupingForTest() const { return grouping_; }

  private:
    void run();
    void waitForTick(DeadlineClock& clock);
    void applyCommands();
    void apply(const MixCommand& c);
    void resetChannel(int slot);
    void drainAudio(int slot);
    void recomputeGroups();
    void decodeInput(int slot);
    void mixGroup(int leader, int worker);
    void packAndQueue(int listener);
    void sendLevels();
    void handOffInputs();           // to the recorder tap and the mix out sink
    void publishFigures(int slot);  // operator figures of one slot, see ChannelFigures
    static void decodeJob(void* self, int index, int worker);
    static void mixJob(void* self, int index, int worker);

    MixConfig config_;
    const net::UdpSocket& socket_;
    RtLink& link_;
    audio::OpusCustomModes modes_;
    std::vector<std::unique_ptr<MixChannel>> channels_;
    MixGrouping grouping_;
    std::vector<ListenerMixKey> keys_;
    std::unique_ptr<bool[]> sourceActive_;
    bool groupsDirty_ = true;
    WorkerPool pool_;
    std::vector<std::array<float, kMaxTickSamples * 2>> scratch_;  // per worker
    std::vector<int> activeSlots_;
    // A source with audio this tick, as every listener's mix reads it.
    struct MixSource {
        const float* current;
        const float* previous;  // for delay panning
        int slot;
        int channels;
        float fade;
    };
    std::vector<MixSource> sources_;  // in slot order
    net::SendBatch batch_;
    std::vector<uint8_t> levels_;
    uint64_t tickCount_ = 0;
    int ticksPerLevelList_;
    int ticksPerFrameBoundary_;
    std::atomic<RecorderTap*> tap_{nullptr};
    InboundPump* pump_ = nullptr;
    std::atomic<MixOutSink*> mixOut_{nullptr};
    std::array<float, kMaxTickSamples * 2> sessionMix_{};
    std::atomic<ExternalInput*> externalInput_{nullptr};
    std::array<float, kMaxTickSamples * 2> externalPcm_{};  // this tick's outside audio, stereo
    bool externalActive_ = false;
    EngineStats stats_;
    std::atomic<uint64_t> encodesThisTick_{0};
    std::atomic<bool> running_{false};
    // Test hook, see the constructor: 0, or how long after start the loop stops on purpose.
    int64_t testStallAfterNs_ = 0;
    std::thread thread_;
};

}  // namespace tutti::engine
