#include "src/web/prometheus_text.h"

#include <gtest/gtest.h>

namespace tutti::web {
namespace {

TEST(PrometheusText, EscapesLabelValuesAndHelp) {
    EXPECT_EQ(PrometheusText::escapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    EXPECT_EQ(PrometheusText::escapeLabelValue("Zoë 🎸"), "Zoë 🎸");
    EXPECT_EQ(PrometheusText::escapeHelp("x\\y\nz \"q\""), "x\\\\y\\nz \"q\"");
}

TEST(PrometheusText, FormatsValues) {
    EXPECT_EQ(PrometheusText::formatValue(0), "0");
    EXPECT_EQ(PrometheusText::formatValue(12345678901234), "12345678901234");
    EXPECT_EQ(PrometheusText::formatValue(0.25), "0.25");
    EXPECT_EQ(PrometheusText::formatValue(1.0 / 0.0), "+Inf");
    EXPECT_EQ(PrometheusText::formatValue(0.0 / 0.0), "NaN");
}

TEST(PrometheusText, FamilyAndSamples) {
    PrometheusText out;
    out.family("tutti_x_total", "counter", "Things.\nMore");
    out.sample("tutti_x_total", 3, {{"channel", "1"}, {"name", "a\"b"}});
    out.sample("tutti_x_total", 4);
    EXPECT_EQ(out.text(),
              "# HELP tutti_x_total Things.\\nMore\n"
              "# TYPE tutti_x_total counter\n"
              "tutti_x_total{channel=\"1\",name=\"a\\\"b\"} 3\n"
              "tutti_x_total 4\n");
}

TEST(PrometheusText, HistogramIsCumulativeWithInf) {
    PrometheusText out;
    out.histogram("h_seconds", {{0.5, 2}, {1, 5}}, 7, 3.5);
    EXPECT_EQ(out.text(),
              "h_seconds_bucket{le=\"0.5\"} 2\n"
              "h_seconds_bucket{le=\"1\"} 5\n"
              "h_seconds_bucket{le=\"+Inf\"} 7\n"
              "h_seconds_sum 3.5\n"
              "h_seconds_count 7\n");
}

}  // namespace
}  // namespace tutti::web
