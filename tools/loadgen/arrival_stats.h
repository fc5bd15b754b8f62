#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "tools/loadgen/load_stats.h"

namespace tutti::loadgen {

// The measurement window in kernel receive time (CLOCK_REALTIME ns): arrivals count when they
// happened inside it, whenever the loop got round to reading them. Closed until opened.
struct ArrivalWindow {
    std::int64_t startNs = INT64_MAX;
    std::int64_t endNs = INT64_MAX;

    bool contains(std::int64_t ns) const { return ns >= startNs && ns < endNs; }
};

// One client's mix stream: how many mixes arrived in the window, the gaps between them and
// the frames the server's sequence numbers say are missing.
class MixArrivals {
  public:
    // `sequence` is the server's sequence number when the datagram carried one. Returns
    // whether the arrival fell inside the window.
    bool record(std::int64_t arrivalNs, std::optional<std::uint8_t> sequence,
                const ArrivalWindow& window);

    std::uint64_t received() const { return received_; }
    std::uint64_t sequenceGaps() const { return sequenceGaps_; }
    const MicrosHistogram& interArrival() const { return inter_; }

  private:
    std::uint64_t received_ = 0;
    std::int64_t lastArrivalNs_ = -1;
    MicrosHistogram inter_{10.0, 100000.0};
    std::optional<std::uint8_t> expectedSequence_;
    std::uint64_t sequenceGaps_ = 0;
};

// One tick's mixes leave the server as a burst. Sorts `arrivals` (all clients' in-window
// arrival times, ns) and returns each burst's spread, first to last datagram, in us; arrivals
// closer than `gapNs` belong to one burst.
std::vector<double> burstSpreadsUs(std::vector<std::int64_t>& arrivals, std::int64_t gapNs);

}  // namespace tutti::loadgen
