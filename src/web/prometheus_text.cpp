#include "src/web/prometheus_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace tutti::web {

std::string PrometheusText::escapeLabelValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string PrometheusText::escapeHelp(std::string_view help) {
    std::string out;
    for (char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string PrometheusText::formatValue(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    // Counters are integers; print them exactly rather than in exponent form.
    if (value == std::floor(value) && std::fabs(value) < 9.0e15) {
        return std::to_string(static_cast<int64_t>(value));
    }
    // The shortest text that reads back as the same double.
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

void PrometheusText::family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    out_ += escapeHelp(help);
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
}

void PrometheusText::sample(std::string_view name, double value, const Labels& labels) {
    out_ += name;
    if (!labels.empty()) {
        out_ += '{';
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (i > 0) {
                out_ += ',';
            }
            out_ += labels[i].first;
            out_ += "=\"";
            out_ += escapeLabelValue(labels[i].second);
            out_ += '"';
        }
        out_ += '}';
    }
    out_ += ' ';
    out_ += formatValue(value);
    out_ += '\n';
}

void PrometheusText::histogram(std::string_view name,
                               const std::vector<std::pair<double, uint64_t>>& buckets,
                               uint64_t countAtInf, double sum) {
    const std::string base(name);
    for (const auto& [bound, count] : buckets) {
        sample(base + "_bucket", static_cast<double>(count), {{"le", formatValue(bound)}});
    }
    sample(base + "_bucket", static_cast<double>(countAtInf), {{"le", "+Inf"}});
    sample(base + "_sum", sum);
    sample(base + "_count", static_cast<double>(countAtInf));
}

}  // namespace tutti::web
