// Measures how long MixEngine::tick() takes with N Opus clients (mono, or stereo normal quality
// with --stereo), paced at the real tick period, once without and once with the jam recorder
// (tap + recorder thread writing WAVs to a temporary directory). Prints median, 99th percentile
// and maximum per run. Without a network or a load generator, the difference to
// tutti-codec-floor is the engine's own overhead.
//
//   tutti-tick-bench [--clients N] [--ticks T] [--workers W] [--dir DIR] [--recordmix]
//                    [--different]   (every listener's mix different: no shared encodes)
//                    [--stereo] [--no-recording]
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "audio/opus_codec.h"
#include "src/engine/mix_engine.h"
#include "src/recorder/recorder_control.h"

namespace {

using namespace tutti;

constexpr int kTickSamples = 128;
constexpr int64_t kPeriodNs = kTickSamples * 1000000000LL / 48000;

int64_t nowNs() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct Result {
    double medianUs, p99Us, maxUs;
    uint64_t dropped;
};

Result run(int clients, int ticks, int workers, const std::string& recordDir, bool recordMix,
           bool different, bool stereo) {
    net::UdpSocket socket;
    net::SocketConfig sc;
    sc.port = 0;
    sc.bindIpv4 = "127.0.0.1";
    sc.ipv6 = false;
    sc.qos = 0;
    if (const std::string err = socket.open(sc); !err.empty()) {
        std::fprintf(stderr, "socket: %s\n", err.c_str());
        exit(1);
    }
    // Every personal mix goes to one port nobody reads: loopback drops what overflows.
    net::PeerAddress sink = net::PeerAddress::fromIpv4(0x7F000001, 9);
    engine::RtLink link(clients);
    engine::MixConfig mc;
    mc.maxChannels = clients;
    mc.tickSamples = kTickSamples;
    mc.workerThreads = workers;
    mc.realtime = false;
    engine::MixEngine engine(mc, socket, link);

    std::unique_ptr<recorder::RecorderControl> rec;
    if (!recordDir.empty()) {
        recorder::RecordingConfig rc;
        rc.directory = recordDir;
        rc.recordMix = recordMix;
        rc.maxChannels = clients;
        rec = std::make_unique<recorder::RecorderControl>(
            rc, [](const std::string& l) { std::fprintf(stderr, "%s\n", l.c_str()); });
        rec->initialise();
        engine.setRecorderTap(rec->tap());
        rec->start();
    }

    // Jamulus' normal quality: 45 bytes a frame mono, 71 stereo.
    const int channels = stereo ? 2 : 1;
    const engine::TransportProps props{kTickSamples, channels, stereo ? 71 : 45, 1, false};
    for (int s = 0; s < clients; ++s) {
        const uint32_t generation = static_cast<uint32_t>(s + 1);
        if (rec) {
            rec->channelOpened(s, generation, net::PeerAddress::fromIpv4(0x7F000001, 20000 + s));
            rec->channelNamed(s, "client " + std::to_string(s));
        }
        engine::MixCommand c;
        c.kind = engine::MixCommand::Kind::Connect;
        c.slot = s;
        c.generation = generation;
        c.address = sink;
        link.mixCommands.push(c);
        c.kind = engine::MixCommand::Kind::SetProps;
        c.props = props;
        link.mixCommands.push(c);
        c.kind = engine::MixCommand::Kind::SetIdentified;
        link.mixCommands.push(c);
        if (different) {
            // Each listener hears itself at its own level, so no two mixes are equal.
            c.kind = engine::MixCommand::Kind::SetGain;
            c.other = s;
            c.value = 0.5f + 0.001f * static_cast<float>(s);
            link.mixCommands.push(c);
        }
    }
    engine.applyCommandsForTest();

    // One second of a tone (440 Hz; 660 Hz on the right in stereo), encoded once and replayed
    // by every client.
    audio::OpusCustomModes modes;
    audio::OpusEncoder encoder(modes, kTickSamples, channels);
    encoder.configure(props.codedBytes);
    std::vector<std::vector<uint8_t>> packets(375, std::vector<uint8_t>(props.codedBytes));
    std::vector<int16_t> pcm(kTickSamples * channels);
    for (std::size_t p = 0; p < packets.size(); ++p) {
        for (int i = 0; i < kTickSamples; ++i) {
            const double t = static_cast<double>(p * kTickSamples + i) / 48000.0;
            for (int c = 0; c < channels; ++c) {
                const double hz = c == 0 ? 440.0 : 660.0;  // two different sides
                pcm[i * channels + c] = static_cast<int16_t>(8000 * std::sin(2 * M_PI * hz * t));
            }
        }
        encoder.encode(pcm.data(), packets[p].data(), props.codedBytes);
    }

    std::vector<double> durations;
    durations.reserve(static_cast<std::size_t>(ticks));
    const int warmup = 200;
    int64_t deadline = nowNs();
    for (int t = 0; t < ticks + warmup; ++t) {
        for (int s = 0; s < clients; ++s) {
            engine::AudioPacket* p = link.audio[s]->beginWrite();
            if (p != nullptr) {
                const auto& packet = packets[static_cast<std::size_t>(t) % packets.size()];
                p->generation = static_cast<uint32_t>(s + 1);
                p->size = static_cast<uint16_t>(packet.size());
                std::memcpy(p->bytes, packet.data(), packet.size());
                link.audio[s]->commitWrite();
            }
        }
        deadline += kPeriodNs;
        timespec ts{static_cast<time_t>(deadline / 1000000000LL),
                    static_cast<long>(deadline % 1000000000LL)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
        const int64_t start = nowNs();
        engine.tick(deadline);
        const int64_t end = nowNs();
        if (t >= warmup) {
            durations.push_back(static_cast<double>(end - start) / 1000.0);
        }
    }
    Result r{};
    std::sort(durations.begin(), durations.end());
    r.medianUs = durations[durations.size() / 2];
    r.p99Us = durations[durations.size() * 99 / 100];
    r.maxUs = durations.back();
    if (rec) {
        r.dropped = rec->tap()->droppedFrames();
        rec->stop();
    }
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    int clients = 50;
    int ticks = 3000;
    int workers = 0;
    bool recordMix = false;
    bool different = false;
    bool stereo = false;
    bool recordingRuns = true;
    std::string dir;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--clients" && i + 1 < argc) {
            clients = std::atoi(argv[++i]);
        } else if (a == "--ticks" && i + 1 < argc) {
            ticks = std::atoi(argv[++i]);
        } else if (a == "--workers" && i + 1 < argc) {
            workers = std::atoi(argv[++i]);
        } else if (a == "--dir" && i + 1 < argc) {
            dir = argv[++i];
        } else if (a == "--recordmix") {
            recordMix = true;
        } else if (a == "--different") {
            different = true;
        } else if (a == "--stereo") {
            stereo = true;
        } else if (a == "--no-recording") {
            recordingRuns = false;
        } else {
            std::fprintf(stderr,
                         "usage: %s [--clients N] [--ticks T] [--workers W] [--dir DIR] "
                         "[--recordmix] [--different] [--stereo] [--no-recording]\n",
                         argv[0]);
            return 2;
        }
    }
    bool removeDir = false;
    if (dir.empty()) {
        char tmpl[] = "/tmp/tutti-tick-bench-XXXXXX";
        dir = mkdtemp(tmpl);
        removeDir = true;
    }
    std::printf("%d %s clients, %d ticks of %d samples, %d worker threads\n", clients,
                stereo ? "stereo" : "mono", ticks, kTickSamples, workers);
    // Alternate so that drifting machine load hits both variants alike.
    for (int round = 0; round < 2; ++round) {
        for (const bool recording : {false, true}) {
            if (recording && !recordingRuns) {
                continue;
            }
            const Result r =
                run(clients, ticks, workers, recording ? dir : "", recordMix, different, stereo);
            std::printf(
                "%-22s median %7.1f us  p99 %7.1f us  max %8.1f us%s\n",
                recording ? (recordMix ? "recording + mix:" : "recording:") : "not recording:",
                r.medianUs, r.p99Us, r.maxUs,
                recording ? ("  dropped frames " + std::to_string(r.dropped)).c_str() : "");
        }
    }
    if (removeDir) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    return 0;
}
