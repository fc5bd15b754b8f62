#include "src/web/metrics_report.h"

#include <gtest/gtest.h>

#include "src/web/prometheus_text.h"
#include "tests/unit/control/fake_operator_api.h"

namespace tutti::web {
namespace {

using control::testing::FakeOperatorApi;

bool has(const std::string& text, const std::string& line) {
    return text.find(line + "\n") != std::string::npos;
}

TEST(MetricsReport, ServerFiguresAndHistogram) {
    FakeOperatorApi api;
    control::ClientInfo ann;
    ann.id = 2;
    ann.name = "Ann \"A\"";
    api.clientList = {ann};
    api.levelList = {{2, 7}};
    api.statistics.datagramsReceived = 100;
    api.statistics.bytesReceived = 4000;
    api.statistics.lateTicks = 3;
    api.statistics.rateLimitDrops = 9;
    api.statistics.floodHandovers = 2;
    api.statistics.tickPeriodNs = 2'666'666;
    api.statistics.tickWorkNsTotal = 1'500'000'000;
    api.statistics.tickDurationBuckets = {5, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    api.statistics.clients = {{.id = 2, .packetsLost = 6, .jitterBufferSize = 4}};
    api.admin.kicks = 2;
    control::AddressRule rule;
    rule.pattern = "10.0.0.0/8";
    api.banList = {rule};
    api.profile.registrationStatus = "registered";
    const std::string t = metricsText(api, {10, "1.0"});

    EXPECT_TRUE(has(t, "tutti_clients_connected 1"));
    EXPECT_TRUE(has(t, "tutti_clients_max 10"));
    EXPECT_TRUE(has(t, "# TYPE tutti_datagrams_received_total counter"));
    EXPECT_TRUE(has(t, "tutti_datagrams_received_total 100"));
    EXPECT_TRUE(has(t, "tutti_received_bytes_total 4000"));
    EXPECT_TRUE(has(t, "tutti_late_ticks_total 3"));
    EXPECT_TRUE(has(t, "tutti_rate_limit_drops_total 9"));
    EXPECT_TRUE(has(t, "tutti_flood_handovers_total 2"));
    EXPECT_TRUE(has(t, "tutti_kicks_total 2"));
    EXPECT_TRUE(has(t, "tutti_bans 1"));
    EXPECT_TRUE(has(t, "tutti_directory_registered 1"));
    EXPECT_TRUE(has(t, "tutti_directory_registration_status{status=\"registered\"} 1"));
    EXPECT_TRUE(has(t, "tutti_directory_registration_status{status=\"time_out\"} 0"));
    EXPECT_TRUE(has(t, "# TYPE tutti_tick_duration_seconds histogram"));
    // Buckets are tenths of the period, cumulative; the overrun bucket only reaches +Inf.
    const double period = 2'666'666 / 1e9;
    EXPECT_TRUE(has(t, "tutti_tick_duration_seconds_bucket{le=\"" +
                           PrometheusText::formatValue(period * 1 / 10.0) + "\"} 5"));
    EXPECT_TRUE(has(t, "tutti_tick_duration_seconds_bucket{le=\"" +
                           PrometheusText::formatValue(period * 10 / 10.0) + "\"} 9"));
    EXPECT_TRUE(has(t, "tutti_tick_duration_seconds_bucket{le=\"+Inf\"} 10"));
    EXPECT_TRUE(has(t, "tutti_tick_duration_seconds_count 10"));
    EXPECT_TRUE(has(t, "tutti_tick_duration_seconds_sum 1.5"));
    EXPECT_TRUE(has(t, "tutti_client_level{channel=\"2\",name=\"Ann \\\"A\\\"\"} 7"));
    EXPECT_TRUE(has(t, "tutti_client_packets_lost_total{channel=\"2\",name=\"Ann \\\"A\\\"\"} 6"));
    EXPECT_TRUE(
        has(t, "tutti_client_jitter_buffer_frames{channel=\"2\",name=\"Ann \\\"A\\\"\"} 4"));
}

TEST(MetricsReport, MixOutOnlyWhereConfigured) {
    FakeOperatorApi api;
    EXPECT_EQ(metricsText(api, {10, "1.0"}).find("tutti_mixout"), std::string::npos);
    api.mixOut.configured = true;
    api.mixOut.running = true;
    api.mixOut.underruns = 5;
    const std::string t = metricsText(api, {10, "1.0"});
    EXPECT_TRUE(has(t, "tutti_mixout_running 1"));
    EXPECT_TRUE(has(t, "tutti_mixout_underruns_total 5"));
    EXPECT_EQ(t.find("tutti_mixout_input"), std::string::npos);  // no --mixoutinput
    api.mixOut.input = true;
    api.mixOut.inputUnderruns = 6;
    EXPECT_TRUE(has(metricsText(api, {10, "1.0"}), "tutti_mixout_input_underruns_total 6"));
}

TEST(MetricsReport, EveryFamilyDeclaredOnceAndNamedByConvention) {
    FakeOperatorApi api;
    api.mixOut.configured = true;
    api.mixOut.input = true;
    const std::string t = metricsText(api, {10, "1.0"});
    std::size_t pos = 0;
    std::vector<std::string> names;
    while ((pos = t.find("# TYPE ", pos)) != std::string::npos) {
        pos += 7;
        const std::string rest = t.substr(pos, t.find('\n', pos) - pos);
        const std::string name = rest.substr(0, rest.find(' '));
        const std::string type = rest.substr(rest.find(' ') + 1);
        EXPECT_EQ(name.rfind("tutti_", 0), 0u) << name;
        EXPECT_EQ(std::count(names.begin(), names.end(), name), 0) << name;
        const bool total = name.size() > 6 && name.substr(name.size() - 6) == "_total";
        EXPECT_EQ(type == "counter", total) << name;
        names.push_back(name);
    }
    EXPECT_GT(names.size(), 20u);
}

}  // namespace
}  // namespace tutti::web
