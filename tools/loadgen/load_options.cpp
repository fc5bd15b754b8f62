#include "tools/loadgen/load_options.h"

#include <cstdlib>
#include <functional>
#include <map>

namespace tutti::loadgen {
namespace {

bool parseDouble(const std::string& text, double& out) {
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0';
}

// Durations accept a plain number of seconds or a suffix: "5", "5s", "500ms".
bool parseSeconds(std::string text, double& out) {
    double scale = 1.0;
    if (text.size() > 2 && text.ends_with("ms")) {
        scale = 0.001;
        text.resize(text.size() - 2);
    } else if (text.size() > 1 && text.ends_with("s")) {
        text.resize(text.size() - 1);
    }
    if (!parseDouble(text, out) || out < 0) {
        return false;
    }
    out *= scale;
    return true;
}

bool parseInt(const std::string& text, long min, long max, long& out) {
    char* end = nullptr;
    out = std::strtol(text.c_str(), &end, 10);
    return end != text.c_str() && *end == '\0' && out >= min && out <= max;
}

}  // namespace

int LoadOptions::codedBytes() const {
    const auto codec = protocol::opusCodecForFrameSamples(static_cast<std::size_t>(frameSamples));
    return static_cast<int>(protocol::codedBytes(codec, channels, quality));
}

std::string loadUsage() {
    return R"(tutti-loadgen: simulates Jamulus clients against a Jamulus-compatible server.

  --server IP            server IPv4 address (default 127.0.0.1)
  -p, --port N           server UDP port (default 22124)
  -n, --clients N        number of clients, 1..1000 (default 10)
  --frame 64|128         client frame size: 128 = OPUS, 64 = OPUS64 (default 128)
  --mono | --stereo      channels (default stereo)
  --quality low|normal|high   (default normal)
  --no-seq               never switch on audio sequence numbers
  --jitter-buf N         server jitter buffer the clients ask for, 1..21 (21 = auto, default)
  --duration T           measurement window (default 10s); T is seconds or "500ms"
  --join-over T          spread the clients' start over T (default 5s)
  --settle T             wait between all joined and the window (default 1s)
  --join-timeout T       measure anyway T after the last start (default 15s)
  --wait-idle T          first wait up to T until the server reports 0 clients (default 40s,
                         0 = don't): channels of an earlier run may still be timing out
  --mixes default|different   different: every listener sets its own gains and pan
  --fader-moves F        fraction 0..1 of clients moving a fader every --fader-interval
  --fader-interval T     (default 3s)
  --server-pid PID       measure the server's CPU and RSS from /proc
  --voices N             distinct tones clients send, client i tone i % N (default 50)
  --send-slots N         send phases per frame period (default 8)
  --sources addresses|ports   addresses (default): one socket, client i sends from its own
                         address 127.0.(i/250).(i%250+2), needs a server on 127.0.0.0/8;
                         ports: one socket per client, all from one address
  --rt-priority N        run the load generator SCHED_FIFO at priority N (needs CAP_SYS_NICE),
                         so a saturated server cannot delay the clients' clock
  --decode-check         decode every received mix frame and count errors
  --json                 print one JSON line with every figure
  --quiet                no human summary
  --label TEXT           copied into the JSON line
  --expect-held          exit status 2 unless the run holds (>= 99.5 % of the expected mix
                         packets at every client and p99 inter-arrival < 2 frame periods)
)";
}

std::optional<LoadOptions> parseLoadOptions(const std::vector<std::string>& args,
                                            std::string& error, bool& help) {
    LoadOptions o;
    help = false;
    using Handler = std::function<bool(const std::string&)>;
    const std::map<std::string, Handler> withValue = {
        {"--server",
         [&](const std::string& v) {
             o.serverHost = v;
             return true;
         }},
        {"--port",
         [&](const std::string& v) {
             long n = 0;
             const bool ok = parseInt(v, 1, 65535, n);
             o.serverPort = static_cast<std::uint16_t>(n);
             return ok;
         }},
        {"--clients",
         [&](const std::string& v) {
             long n = 0;
             const bool ok = parseInt(v, 1, 1000, n);
             o.clients = static_cast<int>(n);
             return ok;
         }},
        {"--frame",
         [&](const std::string& v) {
             o.frameSamples = v == "64" ? 64 : (v == "128" ? 128 : 0);
             return o.frameSamples != 0;
         }},
        {"--quality",
         [&](const std::string& v) {
             if (v == "low") {
                 o.quality = protocol::Quality::Low;
             } else if (v == "normal") {
                 o.quality = protocol::Quality::Normal;
             } else if (v == "high") {
                 o.quality = protocol::Quality::High;
             } else {
                 return false;
             }
             return true;
         }},
        {"--jitter-buf",
         [&](const std::string& v) {
             long n = 0;
             const bool ok = parseInt(v, 1, 21, n);
             o.jitterBuf = static_cast<std::uint16_t>(n);
             return ok;
         }},
        {"--duration", [&](const std::string& v) { return parseSeconds(v, o.durationS); }},
        {"--join-over", [&](const std::string& v) { return parseSeconds(v, o.joinOverS); }},
        {"--settle", [&](const std::string& v) { return parseSeconds(v, o.settleS); }},
        {"--join-timeout", [&](const std::string& v) { return parseSeconds(v, o.joinTimeoutS); }},
        {"--wait-idle", [&](const std::string& v) { return parseSeconds(v, o.waitIdleS); }},
        {"--mixes",
         [&](const std::string& v) {
             if (v == "default") {
                 o.mixes = MixMode::Default;
             } else if (v == "different") {
                 o.mixes = MixMode::Different;
             } else {
                 return false;
             }
             return true;
         }},
        {"--fader-moves",
         [&](const std::string& v) {
             return parseDouble(v, o.faderMoves) && o.faderMoves >= 0 && o.faderMoves <= 1;
         }},
        {"--fader-interval",
         [&](const std::string& v) {
             return parseSeconds(v, o.faderIntervalS) && o.faderIntervalS >= 0.2;
         }},
        {"--server-pid",
         [&](const std::string& v) {
             long n = 0;
             const bool ok = parseInt(v, 1, 1L << 30, n);
             o.serverPid = static_cast<int>(n);
             return ok;
         }},
        {"--voices",
         [&](const std::string& v) {
             long n = 0;
             const bool ok = parseInt(v, 1, 1000, n);
             o.voices = static_cast<int>(n);
             return ok;
         }},
        {"--send-slots",
         [&](const std::string& v) {
             long n = 0;
             const bool ok = parseInt(v, 1, 64, n);
             o.sendSlots = static_cast<int>(n);
             return ok;
         }},
        {"--rt-priority",
         [&](const std::string& v) {
             long n = 0;
             const bool ok = parseInt(v, 0, 99, n);
             o.rtPriority = static_cast<int>(n);
             return ok;
         }},
        {"--sources",
         [&](const std::string& v) {
             if (v != "addresses" && v != "ports") {
                 return false;
             }
             o.sources = v == "addresses" ? SourceMode::Addresses : SourceMode::Ports;
             return true;
         }},
        {"--label",
         [&](const std::string& v) {
             o.label = v;
             return true;
         }},
    };
    const std::map<std::string, std::function<void()>> flags = {
        {"--mono", [&] { o.channels = 1; }},
        {"--stereo", [&] { o.channels = 2; }},
        {"--no-seq", [&] { o.sequenceNumbers = false; }},
        {"--decode-check", [&] { o.decodeCheck = true; }},
        {"--json", [&] { o.json = true; }},
        {"--quiet", [&] { o.quiet = true; }},
        {"--expect-held", [&] { o.expectHeld = true; }},
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "-h" || arg == "--help") {
            help = true;
            return std::nullopt;
        }
        if (arg == "-p") {
            arg = "--port";
        } else if (arg == "-n") {
            arg = "--clients";
        }
        if (const auto f = flags.find(arg); f != flags.end()) {
            f->second();
            continue;
        }
        const auto h = withValue.find(arg);
        if (h == withValue.end()) {
            error = "unknown option: " + arg;
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            error = "missing value for " + arg;
            return std::nullopt;
        }
        const std::string& value = args[++i];
        if (!h->second(value)) {
            error = "invalid value for " + arg + ": " + value;
            return std::nullopt;
        }
    }
    if (o.durationS <= 0) {
        error = "--duration must be positive";
        return std::nullopt;
    }
    return o;
}

}  // namespace tutti::loadgen
