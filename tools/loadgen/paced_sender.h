#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "tools/loadgen/client_transport.h"
#include "tools/loadgen/frame_bank.h"
#include "tools/loadgen/load_client.h"
#include "tools/loadgen/load_stats.h"

namespace tutti::loadgen {

// Sends each client's audio on its own frame grid, as a sound card callback would: frames from
// the frame bank, the sequence number after them once the server agreed to it. Lateness is
// taken when the batch has actually left (sent()), not when a frame was queued, so batching
// cannot flatter it.
class PacedSender {
  public:
    PacedSender(const FrameBank& bank, Clock::duration period, int clients);

    // Queues the frames `c` owes up to `now`. Falling more than kMaxBacklog behind restarts the
    // client's clock instead of bursting the backlog at the server.
    void queueDue(LoadClient& c, Clock::time_point now, ClientTransport& transport);
    // The queued frames left at `at` (call right after transport.flush()); their lateness is
    // recorded while `measuring`.
    void sent(Clock::time_point at, bool measuring);

    const MicrosHistogram& lateness() const { return late_; }
    std::uint64_t resyncs() const { return resyncs_; }

    static constexpr auto kMaxBacklog = std::chrono::milliseconds(100);

  private:
    const FrameBank& bank_;
    Clock::duration period_;
    std::vector<std::uint8_t> frame_;
    std::vector<Clock::time_point> pending_;  // deadlines of frames queued since sent()
    MicrosHistogram late_{1.0, 200000.0};
    std::uint64_t resyncs_ = 0;
};

}  // namespace tutti::loadgen
