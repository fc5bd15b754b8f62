// tutti-codec-floor: the cost of one Opus custom decode + encode per client per frame, on one
// core. When every listener's mix is different, a Jamulus-compatible server has to decode every
// client's frame and encode one mix per client every frame, whatever else it does better; this
// is the floor a server's CPU can be compared with.
//
//   tutti-codec-floor [--clients N] [--seconds S] [--complexity64 C] [--complexity128 C] [--json]
//
// The encoders use the server's complexities unless told otherwise, so the floor before a
// change of them can be measured next to the floor after it.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "audio/opus_codec.h"

namespace {

using Clock = std::chrono::steady_clock;
using tutti::audio::OpusCustomModes;
using tutti::audio::OpusDecoder;
using tutti::audio::OpusEncoder;

struct Format {
    const char* name;
    int frameSamples;
    int channels;
    int codedBytes;
};

// Normal quality of PROTOCOL.md 8.2, the formats clients use most, plus high-quality stereo.
constexpr Format kFormats[] = {
    {"128-sample stereo normal", 128, 2, 71}, {"128-sample mono normal", 128, 1, 45},
    {"128-sample stereo high", 128, 2, 165},  {"64-sample stereo normal", 64, 2, 35},
    {"64-sample mono normal", 64, 1, 22},
};

struct Measurement {
    double decodeUs = 0;  // per frame
    double encodeUs = 0;
    double bothUs = 0;  // decode + encode of one client's frame, measured together
};

// A chord per client, different per client, so the encoders see music-like material.
std::vector<int16_t> makeSignal(int client, int samples, int channels) {
    std::vector<int16_t> pcm(static_cast<std::size_t>(samples * channels));
    const double base = 110.0 + 13.0 * client;
    for (int s = 0; s < samples; ++s) {
        const double t = static_cast<double>(s) / tutti::audio::kSampleRate;
        double v = 0;
        for (int h = 1; h <= 3; ++h) {
            v += std::sin(2 * std::numbers::pi * base * h * 1.5 * t) / h;
        }
        for (int c = 0; c < channels; ++c) {
            pcm[static_cast<std::size_t>(s * channels + c)] =
                static_cast<int16_t>(std::lround(v * 4000.0 * (c == 0 ? 1.0 : 0.8)));
        }
    }
    return pcm;
}

// `clients` decoder/encoder pairs used round-robin, as a server touches every channel's codec
// state once per frame, so the working set is the real one, not one codec hot in the cache.
Measurement measure(const OpusCustomModes& modes, const Format& f, int clients, double seconds,
                    tutti::audio::EncoderTuning tuning) {
    const int framesPerSecond = tutti::audio::kSampleRate / f.frameSamples;
    const int loopFrames = framesPerSecond / 4;  // a quarter second of input per client
    const auto frameValues = static_cast<std::size_t>(f.frameSamples * f.channels);

    std::vector<std::unique_ptr<OpusDecoder>> decoders;
    std::vector<std::unique_ptr<OpusEncoder>> encoders;
    std::vector<std::vector<uint8_t>> input;  // per client, loopFrames coded frames
    for (int c = 0; c < clients; ++c) {
        decoders.push_back(std::make_unique<OpusDecoder>(modes, f.frameSamples, f.channels));
        encoders.push_back(
            std::make_unique<OpusEncoder>(modes, f.frameSamples, f.channels, tuning));
        encoders.back()->configure(f.codedBytes);
        OpusEncoder source(modes, f.frameSamples, f.channels);
        source.configure(f.codedBytes);
        const auto pcm = makeSignal(c, f.frameSamples * loopFrames, f.channels);
        std::vector<uint8_t> coded(static_cast<std::size_t>(loopFrames * f.codedBytes));
        for (int i = 0; i < loopFrames; ++i) {
            source.encode(pcm.data() + static_cast<std::size_t>(i) * frameValues,
                          coded.data() + static_cast<std::size_t>(i * f.codedBytes), f.codedBytes);
        }
        input.push_back(std::move(coded));
    }
    std::vector<std::vector<int16_t>> decoded(static_cast<std::size_t>(clients),
                                              std::vector<int16_t>(frameValues));
    std::vector<uint8_t> out(static_cast<std::size_t>(f.codedBytes));
    long sink = 0;

    const auto timed = [&](bool decode, bool encode) {
        // Whole rounds (every client once) until the time is up; per-frame cost at the end.
        long frames = 0;
        long round = 0;
        const auto start = Clock::now();
        const auto until = start + std::chrono::duration<double>(seconds);
        while (Clock::now() < until) {
            const auto index = static_cast<std::size_t>((round % loopFrames) * f.codedBytes);
            // In a server's order: every client's frame is decoded, then every mix encoded.
            if (decode) {
                for (int c = 0; c < clients; ++c) {
                    const auto ci = static_cast<std::size_t>(c);
                    decoders[ci]->decode(input[ci].data() + index, f.codedBytes,
                                         decoded[ci].data());
                }
            }
            if (encode) {
                for (int c = 0; c < clients; ++c) {
                    const auto ci = static_cast<std::size_t>(c);
                    sink += encoders[ci]->encode(decoded[ci].data(), out.data(), f.codedBytes);
                }
            }
            frames += clients;
            ++round;
        }
        const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
        return us / static_cast<double>(frames);
    };

    // Prime every decode buffer with real signal so the encode-only pass encodes music.
    timed(true, false);
    Measurement m;
    // Three passes each; the fastest is the least disturbed by anything else on the machine.
    m.decodeUs = m.encodeUs = m.bothUs = 1e9;
    for (int pass = 0; pass < 3; ++pass) {
        m.decodeUs = std::min(m.decodeUs, timed(true, false));
        m.encodeUs = std::min(m.encodeUs, timed(false, true));
        m.bothUs = std::min(m.bothUs, timed(true, true));
    }
    if (sink == 42) {
        std::puts("");  // keeps the encodes observable
    }
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    int clients = 100;
    double seconds = 1.0;
    bool json = false;
    int complexity64 = tutti::audio::kDefaultComplexity64;
    int complexity128 = tutti::audio::kDefaultComplexity128;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--clients" && i + 1 < argc) {
            clients = std::clamp(std::atoi(argv[++i]), 1, 1000);
        } else if (arg == "--seconds" && i + 1 < argc) {
            seconds = std::clamp(std::atof(argv[++i]), 0.05, 60.0);
        } else if ((arg == "--complexity64" || arg == "--complexity128") && i + 1 < argc) {
            const int value = std::atoi(argv[++i]);
            if (!tutti::audio::validComplexity(value)) {
                std::fprintf(stderr, "tutti-codec-floor: %s must be 0..10\n", arg.c_str());
                return 1;
            }
            (arg == "--complexity64" ? complexity64 : complexity128) = value;
        } else if (arg == "--json") {
            json = true;
        } else {
            std::fprintf(
                stderr,
                "usage: tutti-codec-floor [--clients N] [--seconds S] [--complexity64 C]"
                " [--complexity128 C] [--json]\n"
                "  --clients N          codec states used round-robin (default 100)\n"
                "  --seconds S          time per measured pass (default 1)\n"
                "  --complexity64 C     Opus complexity of 64-sample encoders (default %d)\n"
                "  --complexity128 C    Opus complexity of 128-sample encoders (default %d)\n",
                tutti::audio::kDefaultComplexity64, tutti::audio::kDefaultComplexity128);
            return arg == "--help" || arg == "-h" ? 0 : 1;
        }
    }
    const OpusCustomModes modes;
    std::printf(
        "Opus custom decode + encode, one thread, %d codec pairs round-robin, best of 3; encoder "
        "complexity %d at 64 samples, %d at 128\n",
        clients, complexity64, complexity128);
    std::printf("%-26s %9s %9s %9s %12s %14s %14s\n", "format", "dec us", "enc us", "dec+enc",
                "floor@100 %", "floor@150 %", "clients/2cores");
    std::string jsonLine = "{\"clients\":" + std::to_string(clients) +
                           ",\"complexity64\":" + std::to_string(complexity64) +
                           ",\"complexity128\":" + std::to_string(complexity128) + ",\"formats\":[";
    bool first = true;
    for (const Format& f : kFormats) {
        const tutti::audio::EncoderTuning tuning{
            f.frameSamples == 64 ? complexity64 : complexity128, -1};
        const Measurement m = measure(modes, f, clients, seconds, tuning);
        const double framesPerSecond =
            static_cast<double>(tutti::audio::kSampleRate) / f.frameSamples;
        // Percent of one core for N clients that each need one decode and one encode per frame.
        const auto floorPct = [&](int n) { return n * framesPerSecond * m.bothUs / 1e6 * 100.0; };
        const double perTwoCores = 2.0 * 1e6 / (framesPerSecond * m.bothUs);
        std::printf("%-26s %9.2f %9.2f %9.2f %12.1f %14.1f %14.0f\n", f.name, m.decodeUs,
                    m.encodeUs, m.bothUs, floorPct(100), floorPct(150), perTwoCores);
        char buffer[512];
        std::snprintf(buffer, sizeof buffer,
                      "%s{\"format\":\"%s\",\"frame\":%d,\"channels\":%d,\"coded_bytes\":%d,"
                      "\"decode_us\":%.3f,\"encode_us\":%.3f,\"both_us\":%.3f,"
                      "\"floor_pct_100\":%.2f,\"floor_pct_150\":%.2f,\"clients_per_2_cores\":%.1f}",
                      first ? "" : ",", f.name, f.frameSamples, f.channels, f.codedBytes,
                      m.decodeUs, m.encodeUs, m.bothUs, floorPct(100), floorPct(150), perTwoCores);
        jsonLine += buffer;
        first = false;
    }
    std::printf(
        "floor@N %%: N clients x frames/s x (dec+enc), in %% of one core (all mixes different);\n"
        "clients/2cores: how many such clients two cores could serve doing nothing else.\n");
    if (json) {
        std::printf("%s]}\n", jsonLine.c_str());
    }
    return 0;
}
