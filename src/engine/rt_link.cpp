#include "src/engine/rt_link.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>

namespace tutti::engine {

RtLink::RtLink(int maxChannels)
    : inbound(256),
      rxCommands(1024),
      audioInbound(256),
      audioRxCommands(1024),
      mixCommands(8192),
      mixEvents(1024),
      lastAudioNs(std::make_unique<std::atomic<int64_t>[]>(kMaxChannels)),
      figures(std::make_unique<ChannelFigures[]>(static_cast<std::size_t>(maxChannels))),
      maxChannels_(maxChannels) {
    audio.reserve(maxChannels);
    for (int i = 0; i < maxChannels; ++i) {
        // 256 datagrams is 340 ms of 64-sample audio: room for the mix thread to be delayed by
        // a badly overloaded machine without dropping what the jitter buffer could still use.
        audio.push_back(std::make_unique<SpscRing<AudioPacket>>(256));
    }
    for (int i = 0; i < kMaxChannels; ++i) {
        lastAudioNs[i].store(0, std::memory_order_relaxed);
    }
    wakeFd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

void RtLink::commandReaders(const RxCommand& c) {
    rxCommands.push(c);
    if (audioReader) {
        audioRxCommands.push(c);
    }
}

RtLink::~RtLink() {
    if (wakeFd_ >= 0) {
        close(wakeFd_);
    }
}

void RtLink::wakeControl() {
    uint64_t one = 1;
    [[maybe_unused]] auto n = write(wakeFd_, &one, sizeof(one));
}

void RtLink::drainWake() {
    uint64_t v;
    [[maybe_unused]] auto n = read(wakeFd_, &v, sizeof(v));
}

int64_t steadyNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace tutti::engine
