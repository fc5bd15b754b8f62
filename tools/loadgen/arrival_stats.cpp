#include "tools/loadgen/arrival_stats.h"

#include <algorithm>

namespace tutti::loadgen {

bool MixArrivals::record(std::int64_t arrivalNs, std::optional<std::uint8_t> sequence,
                         const ArrivalWindow& window) {
    const bool inWindow = window.contains(arrivalNs);
    if (sequence) {
        if (expectedSequence_) {
            const auto gap = static_cast<std::uint8_t>(*sequence - *expectedSequence_);
            if (gap < 128 && inWindow) {  // larger differences are late or repeated frames
                sequenceGaps_ += gap;
            }
        }
        expectedSequence_ = static_cast<std::uint8_t>(*sequence + 1);
    }
    if (inWindow) {
        ++received_;
        if (lastArrivalNs_ >= window.startNs) {
            inter_.add(static_cast<double>(arrivalNs - lastArrivalNs_) / 1000.0);
        }
    }
    lastArrivalNs_ = arrivalNs;
    return inWindow;
}

std::vector<double> burstSpreadsUs(std::vector<std::int64_t>& arrivals, std::int64_t gapNs) {
    std::vector<double> spreads;
    if (arrivals.empty()) {
        return spreads;
    }
    std::sort(arrivals.begin(), arrivals.end());
    std::int64_t first = arrivals.front();
    std::int64_t last = first;
    for (std::size_t i = 1; i <= arrivals.size(); ++i) {
        if (i == arrivals.size() || arrivals[i] - last > gapNs) {
            spreads.push_back(static_cast<double>(last - first) / 1000.0);
            if (i < arrivals.size()) {
                first = arrivals[i];
            }
        }
        if (i < arrivals.size()) {
            last = arrivals[i];
        }
    }
    return spreads;
}

}  // namespace tutti::loadgen
