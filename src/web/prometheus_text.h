// The Prometheus text exposition format (version 0.0.4): families with HELP and TYPE, samples
// with escaped label values. Qt-free; the metrics report fills it from the command layer.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tutti::web {

using Labels = std::vector<std::pair<std::string, std::string>>;

class PrometheusText {
  public:
    // Starts a metric family; `type` is "counter", "gauge" or "histogram".
    void family(std::string_view name, std::string_view type, std::string_view help);
    void sample(std::string_view name, double value, const Labels& labels = {});
    // A histogram's cumulative buckets (upper bounds ascending, +Inf added here), _sum, _count.
    void histogram(std::string_view name, const std::vector<std::pair<double, uint64_t>>& buckets,
                   uint64_t countAtInf, double sum);

    const std::string& text() const { return out_; }

    static std::string escapeLabelValue(std::string_view value);
    static std::string escapeHelp(std::string_view help);
    static std::string formatValue(double value);

  private:
    std::string out_;
};

}  // namespace tutti::web
