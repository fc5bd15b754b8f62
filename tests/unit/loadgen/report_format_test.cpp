#include <gtest/gtest.h>

#include "tools/loadgen/load_generator.h"

namespace tutti::loadgen {
namespace {

// tools/bench/run_benchmarks.py reads these names from the JSON line; renaming one breaks it.
TEST(ReportFormat, JsonCarriesEveryFieldTheBenchScriptReads) {
    LoadResult r;
    r.options.clients = 3;
    r.options.label = "a \"quoted\" label";
    r.serverCpuPct = 12.5;
    r.loadAvgStart = {0.5, 0.4, 0.3};
    r.loadAvgEnd = {0.6, 0.4, 0.3};
    r.selfCpuPct = 7.25;
    r.held = true;
    const std::string json = formatJson(r);
    for (const char* key :
         {"\"clients\":3", "\"frame\":128", "\"mixes\":\"default\"",
          "\"joined\":", "\"delivered_min\":", "\"held\":true", "\"server_cpu_pct\":12.5",
          "\"server_rss_end_kib\":null", "\"loadgen_cpu_pct\":7.25", "\"loadavg_start\":[0.5,",
          "\"loadavg_end\":[0.6,", "\"inter_p99_us\":", "\"send_late_p99_us\":",
          "\"missing_timestamps\":", "\"sources\":\"addresses\"", "\"stray_datagrams\":0"}) {
        EXPECT_NE(json.find(key), std::string::npos) << key << " in " << json;
    }
    EXPECT_NE(json.find(R"("label":"a \"quoted\" label")"), std::string::npos) << json;
    EXPECT_EQ(json.front(), '{');
    EXPECT_EQ(json.back(), '}');
}

TEST(ReportFormat, SummaryNamesTheVerdictAndTheLoadGeneratorsOwnCost) {
    LoadResult r;
    r.options.clients = 2;
    r.selfCpuPct = 9.5;
    const std::string text = formatSummary(r);
    EXPECT_NE(text.find("loadgen CPU 9.5 %"), std::string::npos) << text;
    EXPECT_NE(text.find("NOT HELD"), std::string::npos) << text;
}

}  // namespace
}  // namespace tutti::loadgen
