#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "protocol/framing.h"
#include "src/engine/spsc_ring.h"
#include "src/engine/transport_props.h"
#include "src/net/peer_address.h"

namespace tutti::engine {

inline constexpr int kMaxChannels = 150;
// The largest audio datagram we accept: four stereo high-quality frames with sequence bytes are
// 4 x 166 = 664 bytes; anything bigger is not something a Jamulus client sends.
inline constexpr std::size_t kMaxAudioDatagram = 1024;

// Socket reader -> control thread: protocol datagrams, and audio from addresses that have no
// channel (the control thread decides whether that opens a channel).
struct InboundDatagram {
    net::PeerAddress from;
    bool unknownAudio = false;
    uint16_t size = 0;
    // A protocol message's header as the reader's parseFrame found it (CRC checked), so the
    // control thread does not classify the datagram a second time.
    uint16_t messageId = 0;
    uint8_t counter = 0;
    uint16_t payloadSize = 0;
    uint8_t bytes[protocol::kMaxDatagram];

    // Copies a datagram that parsed as `frame` (whose payload points into `datagram`).
    void setMessage(std::span<const uint8_t> datagram, const protocol::Frame& frame) {
        unknownAudio = false;
        size = static_cast<uint16_t>(datagram.size());
        messageId = frame.id;
        counter = frame.counter;
        payloadSize = static_cast<uint16_t>(frame.payload.size());
        std::memcpy(bytes, datagram.data(), datagram.size());
    }
    // The message set by setMessage; its payload points into `bytes`.
    protocol::Frame frame() const {
        return {messageId, counter,
                std::span<const uint8_t>(bytes + protocol::kFrameHeaderBytes, payloadSize)};
    }
};

// Socket reader -> mix thread, one ring per channel slot. With steered sockets the mix thread
// reads the audio socket itself, except while a flood has moved it to the receive thread; with
// one socket (socket activation, TUTTI_RECEIVE_DRAINS_PER_TICK=0) the receive thread fills them.
struct AudioPacket {
    uint32_t generation = 0;  // which occupant of the slot sent it
    uint16_t size = 0;
    uint8_t bytes[kMaxAudioDatagram];
};

// Control thread -> socket reader.
struct RxCommand {
    enum class Kind : uint8_t { Bind, Unbind };
    Kind kind = Kind::Bind;
    int slot = 0;
    uint32_t generation = 0;
    net::PeerAddress address;
};

// Control thread -> mix thread. The mix thread owns all mixing state and applies these at the
// start of a tick, so it never waits for the control thread.
struct MixCommand {
    enum class Kind : uint8_t {
        Connect,        // slot, generation, address
        Disconnect,     // slot
        SetProps,       // slot, props
        SetIdentified,  // slot
        SetJitterSize,  // slot, value (1..20, 21 = auto)
        SetGain,        // slot = listener, other = source, value
        SetPan,         // slot = listener, other = source, value
        SetDelayPan,    // value != 0: delay panning on (server-wide; slot 0)
    };
    Kind kind = Kind::Connect;
    int slot = 0;
    int other = 0;
    float value = 0;
    uint32_t generation = 0;
    net::PeerAddress address;
    TransportProps props;
};

// Mix thread -> control thread.
struct MixEvent {
    enum class Kind : uint8_t { AutoJitterSizeChanged };
    Kind kind = Kind::AutoJitterSizeChanged;
    int slot = 0;
    int value = 0;
};

// Counters any thread may read; written with relaxed atomics (the two socket readers of
// steered sockets share theirs, hence fetch_add).
struct RtCounters {
    std::atomic<uint64_t> datagramsReceived{0};
    std::atomic<uint64_t> audioDatagrams{0};
    std::atomic<uint64_t> protocolDatagrams{0};
    std::atomic<uint64_t> droppedInboundQueueFull{0};
    std::atomic<uint64_t> droppedAudioQueueFull{0};
    std::atomic<uint64_t> droppedOversized{0};
    std::atomic<uint64_t> droppedNewcomerRepeats{0};  // audio from a new address, within 50 ms
    std::atomic<uint64_t> droppedWrongSize{0};
    std::atomic<uint64_t> concealedFrames{0};
    std::atomic<uint64_t> ticks{0};
    // Every pass of the mix thread's loop, idle or mixing: the systemd watchdog's heartbeat.
    std::atomic<uint64_t> mixLoops{0};
    std::atomic<uint64_t> lateTicks{0};
    std::atomic<uint64_t> sendFailures{0};
    std::atomic<uint64_t> mixDatagramsSent{0};
    // For /metrics (issue 12): payload bytes per direction, frames the decoder refused, and what
    // the control thread sends (protocol, directory), each by its one owner thread.
    std::atomic<uint64_t> bytesReceived{0};
    std::atomic<uint64_t> mixBytesSent{0};
    std::atomic<uint64_t> decodeErrors{0};
    std::atomic<uint64_t> controlDatagramsSent{0};
    std::atomic<uint64_t> controlBytesSent{0};
    // Two steered sockets: non-protocol datagrams from clients that reached the protocol socket
    // (under 7 bytes, or shaped like a message with a bad CRC; never real audio), and how often
    // a flood moved the audio socket from the mix thread to the receive thread.
    std::atomic<uint64_t> droppedAudioOnProtocolSocket{0};
    std::atomic<uint64_t> floodHandovers{0};
};

// One channel's figures for the operator (levels, statistics), counted since the slot's current
// occupant connected. Written only by the mix thread (relaxed stores, zeroed when the slot gets
// a new occupant); the control thread reads them without locks and may see a slightly stale
// value, never a torn one.
struct ChannelFigures {
    std::atomic<int> level{0};             // input level as clients see it, 0..9
    std::atomic<int> jitterBufferSize{0};  // frames
    std::atomic<uint64_t> packetsReceived{0};
    std::atomic<uint64_t> packetsLost{0};  // ticks concealed because no frame was there
    std::atomic<uint64_t> packetsLate{0};  // frames too late or dropped because the buffer was full
    std::atomic<uint64_t> datagramsSent{0};  // mix datagrams queued for the client
};

// Everything the three threads share, created once before any of them starts.
class RtLink {
  public:
    explicit RtLink(int maxChannels);

    int maxChannels() const { return maxChannels_; }

    SpscRing<InboundDatagram> inbound;  // rx -> control
    SpscRing<RxCommand> rxCommands;     // control -> rx
    // The audio socket's reader, when the port is two steered sockets (SteeredReceive): its
    // own rings, since it runs on another thread than the protocol socket's reader.
    SpscRing<InboundDatagram> audioInbound;  // audio reader -> control
    SpscRing<RxCommand> audioRxCommands;     // control -> audio reader
    bool audioReader = false;                // set before any thread starts
    // Tells every socket reader (control thread).
    void commandReaders(const RxCommand& c);
    SpscRing<MixCommand> mixCommands;                           // control -> mix
    SpscRing<MixEvent> mixEvents;                               // mix -> control
    std::vector<std::unique_ptr<SpscRing<AudioPacket>>> audio;  // rx -> mix, per slot

    // Last time (steady clock, ns) an audio datagram arrived for the slot: the keep-alive the
    // control thread's 30 s time-out reads.
    std::unique_ptr<std::atomic<int64_t>[]> lastAudioNs;

    RtCounters counters;
    // Per slot, maxChannels entries.
    std::unique_ptr<ChannelFigures[]> figures;

    int wakeFd() const { return wakeFd_; }  // eventfd the socket reader signals
    void wakeControl();
    void drainWake();
    ~RtLink();

  private:
    int maxChannels_;
    int wakeFd_ = -1;
};

int64_t steadyNowNs();

}  // namespace tutti::engine
