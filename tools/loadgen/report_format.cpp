// The two ways a run is reported: a summary for people, one JSON line for the bench script
// (tools/bench/run_benchmarks.py reads its field names; add fields, never rename them).
#include <cstdio>
#include <sstream>

#include "tools/loadgen/load_generator.h"

namespace tutti::loadgen {
namespace {

std::string fmt(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (static_cast<unsigned char>(ch) < 0x20) {
            out += fmt("\\u%04x", static_cast<unsigned char>(ch));
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

}  // namespace

std::string formatSummary(const LoadResult& r) {
    const auto& o = r.options;
    const double periodUs = o.framePeriodS() * 1e6;
    std::ostringstream s;
    s << "clients " << o.clients << ", " << o.frameSamples << "-sample "
      << (o.channels == 2 ? "stereo" : "mono") << ", " << o.codedBytes() << " bytes/frame, mixes "
      << (o.mixes == MixMode::Different ? "different" : "default") << ", fader movers "
      << fmt("%.2f", o.faderMoves) << "\n";
    s << "joined " << r.joined << "/" << o.clients << ", join latency p50 "
      << fmt("%.1f", r.joinP50Ms) << " ms, max " << fmt("%.1f", r.joinMaxMs) << " ms\n";
    s << "window " << fmt("%.2f", r.windowS) << " s, expected " << fmt("%.0f", r.expectedPerClient)
      << " mix packets per client\n";
    s << "delivered min " << fmt("%.4f", r.deliveredMin) << ", median "
      << fmt("%.4f", r.deliveredMedian) << ", mean " << fmt("%.4f", r.deliveredMean) << "; "
      << r.clientsBelowTarget << " clients below 99.5 %\n";
    s << "inter-arrival p50 " << fmt("%.0f", r.interP50Us) << " us, p99 "
      << fmt("%.0f", r.interP99Us) << " us (" << fmt("%.2f", r.interP99Us / periodUs)
      << " periods), max " << fmt("%.0f", r.interMaxUs) << " us, worst client p99 "
      << fmt("%.0f", r.worstClientP99Us) << " us\n";
    s << "send spread per tick p50 " << fmt("%.0f", r.sendSpreadP50Us) << " us, p99 "
      << fmt("%.0f", r.sendSpreadP99Us) << " us (" << r.bursts << " bursts)\n";
    s << "sequence gaps " << r.sequenceGaps << ", wrong sizes " << r.wrongSize;
    if (o.decodeCheck) {
        s << ", decoded " << r.framesDecoded << ", decode errors " << r.decodeErrors << ", silent "
          << r.silentFrames;
    }
    s << ", fader messages " << r.faderMessages << "\n";
    if (r.serverCpuPct) {
        s << "server CPU " << fmt("%.1f", *r.serverCpuPct) << " % of one core";
    }
    if (r.serverRssEndKib) {
        s << ", RSS " << *r.serverRssEndKib << " KiB (idle " << r.serverRssIdleKib.value_or(0)
          << " KiB)";
    }
    if (r.serverCpuPct || r.serverRssEndKib) {
        s << "\n";
    }
    s << "loadgen CPU " << fmt("%.1f", r.selfCpuPct) << " %, send lateness p50 "
      << fmt("%.0f", r.sendLateP50Us) << " us, p99 " << fmt("%.0f", r.sendLateP99Us) << " us, max "
      << fmt("%.0f", r.sendLateMaxUs) << " us, resyncs " << r.sendResyncs << ", send failures "
      << r.sendFailures << ", no kernel timestamp " << r.missingTimestamps << ", stray "
      << r.strayDatagrams << ", sources "
      << (o.sources == SourceMode::Addresses ? "addresses" : "ports") << ", frame bank "
      << fmt("%.2f", r.setupS) << " s\n";
    if (!r.loadAvgStart.empty() && !r.loadAvgEnd.empty()) {
        s << "loadavg start " << fmt("%.2f", r.loadAvgStart[0]) << ", end "
          << fmt("%.2f", r.loadAvgEnd[0]) << "\n";
    }
    s << (r.held ? "HELD" : "NOT HELD") << "\n";
    return s.str();
}

std::string formatJson(const LoadResult& r) {
    const auto& o = r.options;
    std::ostringstream s;
    const auto num = [](double v) { return fmt("%.6g", v); };
    const auto opt = [&](const std::optional<double>& v) { return v ? num(*v) : "null"; };
    const auto optl = [](const std::optional<long>& v) {
        return v ? std::to_string(*v) : std::string("null");
    };
    const auto list = [&](const std::vector<double>& v) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            out += num(v[i]);
        }
        return out + "]";
    };
    s << "{\"label\":" << jsonString(o.label) << ",\"clients\":" << o.clients
      << ",\"frame\":" << o.frameSamples << ",\"channels\":" << o.channels
      << ",\"coded_bytes\":" << o.codedBytes() << ",\"mixes\":\""
      << (o.mixes == MixMode::Different ? "different" : "default") << "\""
      << ",\"fader_moves\":" << num(o.faderMoves) << ",\"join_over_s\":" << num(o.joinOverS)
      << ",\"joined\":" << r.joined << ",\"join_p50_ms\":" << num(r.joinP50Ms)
      << ",\"join_max_ms\":" << num(r.joinMaxMs) << ",\"window_s\":" << num(r.windowS)
      << ",\"expected_per_client\":" << num(r.expectedPerClient)
      << ",\"delivered_min\":" << num(r.deliveredMin)
      << ",\"delivered_median\":" << num(r.deliveredMedian)
      << ",\"delivered_mean\":" << num(r.deliveredMean)
      << ",\"clients_below_target\":" << r.clientsBelowTarget
      << ",\"inter_p50_us\":" << num(r.interP50Us) << ",\"inter_p99_us\":" << num(r.interP99Us)
      << ",\"inter_max_us\":" << num(r.interMaxUs)
      << ",\"worst_client_p99_us\":" << num(r.worstClientP99Us)
      << ",\"send_spread_p50_us\":" << num(r.sendSpreadP50Us)
      << ",\"send_spread_p99_us\":" << num(r.sendSpreadP99Us) << ",\"bursts\":" << r.bursts
      << ",\"sequence_gaps\":" << r.sequenceGaps << ",\"wrong_size\":" << r.wrongSize
      << ",\"frames_decoded\":" << r.framesDecoded << ",\"decode_errors\":" << r.decodeErrors
      << ",\"silent_frames\":" << r.silentFrames << ",\"fader_messages\":" << r.faderMessages
      << ",\"server_cpu_pct\":" << opt(r.serverCpuPct)
      << ",\"server_rss_idle_kib\":" << optl(r.serverRssIdleKib)
      << ",\"server_rss_end_kib\":" << optl(r.serverRssEndKib)
      << ",\"loadgen_cpu_pct\":" << num(r.selfCpuPct)
      << ",\"send_late_p50_us\":" << num(r.sendLateP50Us)
      << ",\"send_late_p99_us\":" << num(r.sendLateP99Us)
      << ",\"send_late_max_us\":" << num(r.sendLateMaxUs) << ",\"send_resyncs\":" << r.sendResyncs
      << ",\"send_failures\":" << r.sendFailures
      << ",\"missing_timestamps\":" << r.missingTimestamps
      << ",\"stray_datagrams\":" << r.strayDatagrams << ",\"sources\":\""
      << (o.sources == SourceMode::Addresses ? "addresses" : "ports") << "\""
      << ",\"loadgen_realtime\":" << (r.realtime ? "true" : "false")
      << ",\"setup_s\":" << num(r.setupS) << ",\"loadavg_start\":" << list(r.loadAvgStart)
      << ",\"loadavg_end\":" << list(r.loadAvgEnd) << ",\"held\":" << (r.held ? "true" : "false")
      << "}";
    return s.str();
}

}  // namespace tutti::loadgen
