#include "tools/loadgen/load_stats.h"

#include <algorithm>
#include <cmath>

namespace tutti::loadgen {

MicrosHistogram::MicrosHistogram(double bucketUs, double rangeUs)
    : bucketUs_(bucketUs), counts_(static_cast<std::size_t>(rangeUs / bucketUs) + 1, 0) {}

void MicrosHistogram::merge(const MicrosHistogram& other) {
    const std::size_t n = std::min(counts_.size(), other.counts_.size());
    for (std::size_t i = 0; i < n; ++i) {
        counts_[i] += other.counts_[i];
    }
    total_ += other.total_;
    max_ = std::max(max_, other.max_);
}

double MicrosHistogram::percentile(double q) const {
    if (total_ == 0) {
        return 0;
    }
    const auto rank = static_cast<std::uint64_t>(
        std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(total_)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= std::max<std::uint64_t>(rank, 1)) {
            // The last bucket is open-ended: the true maximum is the honest upper edge.
            return i + 1 == counts_.size() ? max_ : std::min(max_, (i + 1) * bucketUs_);
        }
    }
    return max_;
}

double quantile(std::vector<double> values, double q) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = static_cast<std::size_t>(std::ceil(pos));
    return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

}  // namespace tutti::loadgen
