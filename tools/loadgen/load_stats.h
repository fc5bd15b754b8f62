#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace tutti::loadgen {

// Fixed-resolution histogram of durations in microseconds: cheap to update from a hot loop
// (one increment, no allocation), percentiles read at the end. Values beyond the range land
// in the last bucket; the exact maximum is kept aside.
class MicrosHistogram {
  public:
    explicit MicrosHistogram(double bucketUs = 5.0, double rangeUs = 100000.0);

    void add(double us) {
        auto index = static_cast<std::size_t>(us < 0 ? 0 : us / bucketUs_);
        if (index >= counts_.size()) {
            index = counts_.size() - 1;
        }
        ++counts_[index];
        ++total_;
        if (us > max_) {
            max_ = us;
        }
    }
    void merge(const MicrosHistogram& other);

    std::uint64_t count() const { return total_; }
    double max() const { return max_; }
    // Upper edge of the bucket holding the q-th quantile (0..1); 0 when empty.
    double percentile(double q) const;

  private:
    double bucketUs_;
    std::vector<std::uint32_t> counts_;
    std::uint64_t total_ = 0;
    double max_ = 0;
};

// Quantile of a sample, by sorting a copy; 0 when empty.
double quantile(std::vector<double> values, double q);

}  // namespace tutti::loadgen
