#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "tools/loadgen/arrival_stats.h"
#include "tools/loadgen/load_client.h"

namespace tutti::loadgen {

// Takes one client's mix datagrams: checks their length against the client's format, keeps
// the arrival bookkeeping by kernel receive time and, with --decode-check, decodes them and
// counts silent frames.
class MixReceiver {
  public:
    // `arrivals` collects every in-window arrival of every client for the burst analysis; it
    // should be reserved for the whole window.
    MixReceiver(int codedBytes, int frameSamples, int channels,
                std::vector<std::int64_t>& arrivals);

    void onMix(LoadClient& c, std::span<const std::uint8_t> datagram, std::int64_t arrivalNs,
               const ArrivalWindow& window);

    // A decoded frame whose peak stays below this is counted as silent (-66 dBFS).
    static constexpr int kSilencePeak = 16;

  private:
    int codedBytes_;
    int samples_;  // per frame, all channels
    std::vector<std::int64_t>& arrivals_;
};

}  // namespace tutti::loadgen
