#include "src/web/metrics_report.h"

#include <map>

#include "src/web/prometheus_text.h"

namespace tutti::web {
namespace {

using control::EngineStatistics;

// Registration states in JSONRPC.md 6.2; every one is exported (0 or 1) so that a state-set
// query works without knowing which ones exist.
constexpr const char* kRegistrationKeys[] = {
    "not_registered",
    "bad_address",
    "requested",
    "time_out",
    "unknown_resp",
    "registered",
    "directory_server_full",
    "server_version_too_old",
    "requirements_not_fulfilled",
};

void counter(PrometheusText& out, const char* name, const char* help, uint64_t value) {
    out.family(name, "counter", help);
    out.sample(name, static_cast<double>(value));
}

void gauge(PrometheusText& out, const char* name, const char* help, double value) {
    out.family(name, "gauge", help);
    out.sample(name, value);
}

// The engine counts ticks by work time in tenths of the period; as a histogram in seconds the
// bucket bounds are those tenths, cumulative as Prometheus wants them.
void tickHistogram(PrometheusText& out, const EngineStatistics& s) {
    out.family("tutti_tick_duration_seconds", "histogram",
               "Work time of one mix tick (decode, mix, encode, send).");
    const double period = static_cast<double>(s.tickPeriodNs) / 1e9;
    std::vector<std::pair<double, uint64_t>> buckets;
    uint64_t cumulative = 0;
    const std::size_t n = s.tickDurationBuckets.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        cumulative += s.tickDurationBuckets[i];
        buckets.emplace_back(period * static_cast<double>(i + 1) / 10.0, cumulative);
    }
    if (n > 0) {
        cumulative += s.tickDurationBuckets[n - 1];
    }
    out.histogram("tutti_tick_duration_seconds", buckets, cumulative,
                  static_cast<double>(s.tickWorkNsTotal) / 1e9);
}

void perClient(PrometheusText& out, const control::OperatorApi& api, const EngineStatistics& s) {
    std::map<int, control::ClientInfo> info;
    for (const control::ClientInfo& c : api.clients()) {
        info[c.id] = c;
    }
    std::map<int, int> levels;
    for (const control::ChannelLevel& l : api.levels()) {
        levels[l.id] = l.level;
    }
    auto labels = [&](int id) {
        const auto it = info.find(id);
        return Labels{{"channel", std::to_string(id)},
                      {"name", it == info.end() ? std::string() : it->second.name}};
    };
    struct Column {
        const char* name;
        const char* type;
        const char* help;
        double (*value)(const control::ClientStatistics&, int level);
    };
    // One series per connected channel: the cardinality is bounded by --numchannels.
    const Column columns[] = {
        {"tutti_client_level", "gauge", "Input level of the client as clients see it (0..9).",
         [](const control::ClientStatistics&, int level) { return double(level); }},
        {"tutti_client_jitter_buffer_frames", "gauge",
         "The server's jitter buffer for the client, in network frames.",
         [](const control::ClientStatistics& c, int) { return double(c.jitterBufferSize); }},
        {"tutti_client_packets_received_total", "counter",
         "Audio datagrams from the client that reached its jitter buffer.",
         [](const control::ClientStatistics& c, int) { return double(c.packetsReceived); }},
        {"tutti_client_packets_lost_total", "counter",
         "Frames concealed because nothing from the client was there in time.",
         [](const control::ClientStatistics& c, int) { return double(c.packetsLost); }},
        {"tutti_client_packets_late_total", "counter",
         "Frames from the client that arrived too late or overflowed its buffer.",
         [](const control::ClientStatistics& c, int) { return double(c.packetsLate); }},
        {"tutti_client_packets_sent_total", "counter", "Mix datagrams sent to the client.",
         [](const control::ClientStatistics& c, int) { return double(c.packetsSent); }},
    };
    for (const Column& column : columns) {
        out.family(column.name, column.type, column.help);
        for (const control::ClientStatistics& c : s.clients) {
            const auto level = levels.find(c.id);
            out.sample(column.name, column.value(c, level == levels.end() ? 0 : level->second),
                       labels(c.id));
        }
    }
}

}  // namespace

std::string metricsText(const control::OperatorApi& api, const MetricsContext& context) {
    PrometheusText out;
    const EngineStatistics s = api.engineStatistics();
    const control::AdminStatus admin = api.adminStatus();
    const control::RecorderStatus rec = api.recorderStatus();
    const control::ServerProfile profile = api.serverProfile();

    out.family("tutti_build_info", "gauge", "Always 1; the version is in the label.");
    out.sample("tutti_build_info", 1, {{"version", context.version}});
    gauge(out, "tutti_clients_connected", "Clients connected right now.",
          static_cast<double>(api.clients().size()));
    gauge(out, "tutti_clients_max", "Most clients allowed at once (--numchannels).",
          context.maxClients);

    counter(out, "tutti_datagrams_received_total", "UDP datagrams received.", s.datagramsReceived);
    counter(out, "tutti_received_bytes_total", "UDP payload bytes received.", s.bytesReceived);
    counter(out, "tutti_datagrams_sent_total", "UDP datagrams sent (mixes and protocol).",
            s.datagramsSent);
    counter(out, "tutti_sent_bytes_total", "UDP payload bytes sent.", s.bytesSent);
    counter(out, "tutti_datagrams_dropped_total",
            "Received datagrams dropped by the receive path (full queues, wrong sizes, rate "
            "limits).",
            s.datagramsDropped);
    counter(out, "tutti_rate_limit_drops_total",
            "Protocol messages dropped by the per-client rate limits.", s.rateLimitDrops);
    counter(out, "tutti_flood_handovers_total",
            "Floods from unknown addresses that moved the reading of clients' audio from the mix "
            "thread to the receive thread.",
            s.floodHandovers);
    counter(out, "tutti_refused_datagrams_total",
            "Datagrams from banned or not-allowed hosts, dropped unanswered.",
            admin.refusedDatagrams);
    counter(out, "tutti_decode_errors_total", "Audio frames the decoder refused.", s.decodeErrors);
    counter(out, "tutti_concealed_frames_total",
            "Frames the mix concealed because nothing usable had arrived (dropped or lost).",
            s.concealedFrames);

    counter(out, "tutti_ticks_total", "Mix ticks run.", s.ticks);
    counter(out, "tutti_late_ticks_total",
            "Mix deadlines missed: ticks that woke late, and deadlines skipped after a stall of "
            "over 8 periods.",
            s.lateTicks);
    gauge(out, "tutti_tick_worst_seconds", "Longest tick work time seen since start.",
          static_cast<double>(s.worstTickNs) / 1e9);
    tickHistogram(out, s);

    counter(out, "tutti_kicks_total", "Clients kicked (by an operator or a ban) since start.",
            admin.kicks);
    counter(out, "tutti_bans_added_total", "Bans added since start.", admin.bansAdded);
    gauge(out, "tutti_bans", "Bans in force.", static_cast<double>(api.bans().size()));
    counter(out, "tutti_idle_disconnects_total", "Clients disconnected for being idle.",
            admin.idleDisconnects);
    gauge(out, "tutti_allowlist_enabled", "1 while only allowlisted hosts get a channel.",
          admin.allowlistEnabled ? 1 : 0);

    gauge(out, "tutti_recorder_enabled", "1 while the jam recorder is switched on.",
          rec.enabled ? 1 : 0);
    gauge(out, "tutti_recording", "1 while a recording session is being written.",
          rec.recording ? 1 : 0);

    gauge(out, "tutti_directory_registered",
          "1 while registered with a directory (0 when not registering).",
          profile.registrationStatus == "registered" ? 1 : 0);
    out.family("tutti_directory_registration_status", "gauge",
               "1 for the current registration state (JSONRPC.md 6.2 keys), else 0.");
    for (const char* key : kRegistrationKeys) {
        out.sample("tutti_directory_registration_status", profile.registrationStatus == key ? 1 : 0,
                   {{"status", key}});
    }

    // The live mix output (issue 14), only where one is configured.
    if (const control::MixOutStatus mix = api.mixOutStatus(); mix.configured) {
        gauge(out, "tutti_mixout_running", "1 while the mix output device is playing.",
              mix.running ? 1 : 0);
        counter(out, "tutti_mixout_overruns_total", "Mix frames dropped: the output ring was full.",
                mix.overruns);
        counter(out, "tutti_mixout_underruns_total",
                "Output callbacks that found too little in the ring.", mix.underruns);
        counter(out, "tutti_mixout_drift_corrections_total",
                "Frames dropped or repeated to follow the device clock.", mix.driftCorrections);
        if (mix.input) {
            counter(out, "tutti_mixout_input_overruns_total",
                    "JACK input blocks (up to 256 frames) dropped: the input ring was full.",
                    mix.inputOverruns);
            counter(out, "tutti_mixout_input_underruns_total",
                    "Ticks that found too little JACK input.", mix.inputUnderruns);
            counter(out, "tutti_mixout_input_drift_corrections_total",
                    "JACK input frames dropped or repeated to follow the device clock.",
                    mix.inputDriftCorrections);
        }
    }

    perClient(out, api, s);
    return out.text();
}

}  // namespace tutti::web
