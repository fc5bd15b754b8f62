#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "audio/opus_codec.h"
#include "src/engine/deadline_clock.h"
#include "src/engine/mix_channel.h"
#include "src/engine/rt_link.h"
#include "src/net/udp_socket.h"

namespace tutti::engine {

struct MixConfig {
    int maxChannels = 10;
    int tickSamples = 128;
};

// The real-time mix thread: every tick (absolute deadlines) it decodes one tick of audio per
// channel, builds every listener's personal mix, encodes it in that listener's own format and
// sends it. It owns all of its state; the control thread talks to it only through RtLink queues.
class MixEngine {
  public:
    MixEngine(const MixConfig& config, const net::UdpSocket& socket, RtLink& link);
    ~MixEngine();
    void start();
    void stop();

    // One tick of work without the clock; public so tests can drive the engine directly.
    void tick();
    // Applies queued control commands, as the thread does before each tick.
    void applyCommandsForTest() { applyCommands(); }

  private:
    void run();
    void applyCommands();
    void apply(const MixCommand& c);
    void resetChannel(int slot);
    void drainAudio(MixChannel& ch, SpscRing<AudioPacket>& ring);
    void decodeInput(MixChannel& ch);
    void mixAndSend(int listener);
    void sendLevels();

    MixConfig config_;
    const net::UdpSocket& socket_;
    RtLink& link_;
    audio::OpusCustomModes modes_;
    std::vector<std::unique_ptr<MixChannel>> channels_;
    net::SendBatch batch_;
    std::vector<float> mixBuffer_;
    std::vector<int16_t> mixPcm_;
    std::vector<uint8_t> levels_;
    uint64_t tickCount_ = 0;
    int ticksPerLevelList_;
    std::atomic<bool> running_{false};
    std::thread thread_;
};

}  // namespace tutti::engine
