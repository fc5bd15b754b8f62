#include "src/engine/steered_receive.h"

#include <poll.h>
#include <time.h>

#include "src/engine/thread_name.h"

namespace tutti::engine {

namespace {
constexpr int64_t kWindowNs = 100'000'000;
constexpr std::size_t kFloodFromStrangersPerWindow = 1000;
// 150 clients at 64-sample frames send 11,250 datagrams in 100 ms.
constexpr std::size_t kFloodDatagramsPerWindow = 40000;
constexpr timespec kWait{0, 20'000'000};  // so a stop is noticed
}  // namespace

SteeredReceive::SteeredReceive(const net::UdpSocket& protocolSocket,
                               const net::UdpSocket& audioSocket, RtLink& link)
    : protocolSocket_(protocolSocket),
      audioSocket_(audioSocket),
      link_(link),
      protocolReader_(protocolSocket, link, Receiver::Role::ProtocolSocket),
      audioReader_(audioSocket, link, Receiver::Role::AudioSocket) {}

SteeredReceive::~SteeredReceive() {
    stop();
}

void SteeredReceive::start() {
    running_ = true;
    thread_ = std::thread([this] { run(); });
}

void SteeredReceive::stop() {
    running_ = false;
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SteeredReceive::drainNow() {
    if (audioOnReceiveThread_.load(std::memory_order_acquire)) {
        return;
    }
    const Receiver::Drained d = audioReader_.drain();
    if (d.fromStrangers >= kFloodFromStrangersPerRead || d.datagrams >= Receiver::maxPerDrain()) {
        link_.counters.floodHandovers.fetch_add(1, std::memory_order_relaxed);
        audioOnReceiveThread_.store(true, std::memory_order_release);
    }
}

void SteeredReceive::waitAndDrain(int64_t timeoutNs) {
    const timespec timeout{static_cast<time_t>(timeoutNs / 1000000000LL),
                           static_cast<long>(timeoutNs % 1000000000LL)};
    if (audioOnReceiveThread_.load(std::memory_order_acquire)) {
        nanosleep(&timeout, nullptr);
        return;
    }
    pollfd p{audioSocket_.fd(), POLLIN, 0};
    ::ppoll(&p, 1, &timeout, nullptr);
    drainNow();  // also applies the control thread's bindings when nothing came
}

void SteeredReceive::run() {
    nameCurrentThread("tutti-receive");
    while (running_.load(std::memory_order_relaxed)) {
        if (audioOnReceiveThread_.load(std::memory_order_acquire)) {
            readBothUntilCalm();
        } else {
            protocolReader_.receiveWaiting();  // one recvmmsg() per wake-up, as ever
        }
    }
}

void SteeredReceive::readBothUntilCalm() {
    int64_t lastFloodNs = steadyNowNs();
    int64_t windowStartNs = lastFloodNs;
    std::size_t fromStrangers = 0;
    std::size_t datagrams = 0;
    while (running_.load(std::memory_order_relaxed)) {
        pollfd p[2] = {{protocolSocket_.fd(), POLLIN, 0}, {audioSocket_.fd(), POLLIN, 0}};
        ::ppoll(p, 2, &kWait, nullptr);
        if (p[0].revents != 0) {
            protocolReader_.drain();
        }
        const Receiver::Drained d = audioReader_.drain();  // also when idle: bindings
        fromStrangers += d.fromStrangers;
        datagrams += d.datagrams;
        const int64_t now = steadyNowNs();
        if (now - windowStartNs < kWindowNs) {
            continue;
        }
        if (fromStrangers > kFloodFromStrangersPerWindow || datagrams > kFloodDatagramsPerWindow) {
            lastFloodNs = now;
        }
        windowStartNs = now;
        fromStrangers = 0;
        datagrams = 0;
        if (now - lastFloodNs >= kCalmBeforeHandBackNs) {
            audioOnReceiveThread_.store(false, std::memory_order_release);
            return;
        }
    }
}

}  // namespace tutti::engine
