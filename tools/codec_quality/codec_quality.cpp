// tutti-codec-quality: what each Opus encoder complexity costs and gives, for every frame size,
// channel count and quality a Jamulus client can ask for. Quality is the segmental SNR of
// decode(encode(x)) against x (aligned for the codec's delay) on three deterministic musical
// signals; cost is the median time of one encode on this thread. The quality figures are exact
// and repeatable; the cost figures are only as good as the machine is quiet.
//
//   tutti-codec-quality [--seconds S] [--json]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "audio/opus_codec.h"
#include "protocol/codec_params.h"
#include "tools/codec_quality/quality_measure.h"
#include "tools/codec_quality/quality_signals.h"

namespace {

using tutti::protocol::Codec;
using tutti::protocol::Quality;
namespace cq = tutti::codec_quality;

struct Row {
    Codec codec;
    int channels;
    Quality quality;
    int lossPercent;
};

const char* qualityName(Quality q) {
    return q == Quality::Low ? "low" : q == Quality::Normal ? "normal" : "high";
}

std::vector<Row> rows() {
    std::vector<Row> out;
    for (Codec codec : {Codec::Opus, Codec::Opus64}) {
        for (int channels : {1, 2}) {
            for (Quality q : {Quality::Low, Quality::Normal, Quality::High}) {
                if (codec == Codec::Opus64) {
                    // 64-sample frames are sent with 35 % expected loss; 0 shows what it costs.
                    out.push_back({codec, channels, q, tutti::audio::kExpectedLossPercent64});
                    out.push_back({codec, channels, q, 0});
                } else {
                    out.push_back({codec, channels, q, 0});
                }
            }
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 3.0;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seconds" && i + 1 < argc) {
            seconds = std::atof(argv[++i]);
            if (!(seconds >= 0.2 && seconds <= 60.0)) {
                std::fprintf(stderr, "tutti-codec-quality: --seconds must be 0.2..60\n");
                return 1;
            }
        } else if (arg == "--json") {
            json = true;
        } else {
            std::fprintf(stderr,
                         "usage: tutti-codec-quality [--seconds S] [--json]\n"
                         "  --seconds S   length of each test signal (default 3)\n"
                         "  --json        also print one JSON line per measurement\n");
            return arg == "--help" || arg == "-h" ? 0 : 1;
        }
    }
    const tutti::audio::OpusCustomModes modes;
    const int delay64 = cq::codecDelaySamples(modes, 64);
    const int delay128 = cq::codecDelaySamples(modes, 128);
    std::vector<int16_t> signals[2][3];  // [mono, stereo][signal]
    for (int c = 0; c < 2; ++c) {
        for (int s = 0; s < 3; ++s) {
            signals[c][s] = cq::makeSignal(cq::kAllSignals[s], c + 1, seconds);
        }
    }
    std::printf(
        "Opus custom CBR: segmental SNR in dB (10 ms segments, clamped to [%.0f, %.0f] dB, mean "
        "of chord, percussion, speech, %.1f s each)\nand median ns per encode (one thread; "
        "indicative only unless the machine is quiet). Codec delay: %d samples at 64, %d at "
        "128.\n\n",
        cq::kMinSegmentDb, cq::kMaxSegmentDb, seconds, delay64, delay128);
    std::printf("%-28s", "format / complexity");
    for (int cx = tutti::audio::kMinComplexity; cx <= tutti::audio::kMaxComplexity; ++cx) {
        std::printf(" %6d", cx);
    }
    std::printf("\n");
    std::string jsonLines;
    for (const Row& row : rows()) {
        const int frameSamples = static_cast<int>(tutti::protocol::frameSamples(row.codec));
        const int bytes =
            static_cast<int>(tutti::protocol::codedBytes(row.codec, row.channels, row.quality));
        char label[64];
        std::snprintf(label, sizeof label, "%d %s %s %dB loss%d%%", frameSamples,
                      row.channels == 1 ? "mono" : "stereo", qualityName(row.quality), bytes,
                      row.lossPercent);
        std::string snrLine;
        std::string nsLine;
        for (int cx = tutti::audio::kMinComplexity; cx <= tutti::audio::kMaxComplexity; ++cx) {
            const cq::CodecRun run{frameSamples, row.channels, bytes, {cx, row.lossPercent}};
            double snrSum = 0;
            double nsSum = 0;
            double snr[3];
            bool exact = true;
            for (int s = 0; s < 3; ++s) {
                const cq::CodecResult r = cq::measureRun(modes, signals[row.channels - 1][s], run,
                                                         frameSamples == 64 ? delay64 : delay128);
                snr[s] = r.segmentalSnrDb;
                snrSum += r.segmentalSnrDb;
                nsSum += r.medianEncodeNs;
                exact = exact && r.bytesExact;
            }
            char cell[32];
            std::snprintf(cell, sizeof cell, " %6.2f", snrSum / 3);
            snrLine += cell;
            std::snprintf(cell, sizeof cell, " %6.0f", nsSum / 3);
            nsLine += cell;
            if (!exact) {
                std::fprintf(stderr, "%s complexity %d: a frame was not %d bytes long\n", label, cx,
                             bytes);
                return 2;
            }
            if (json) {
                char buffer[400];
                std::snprintf(buffer, sizeof buffer,
                              "{\"frame\":%d,\"channels\":%d,\"quality\":\"%s\",\"coded_bytes\":%d,"
                              "\"loss_percent\":%d,\"complexity\":%d,\"segsnr_chord\":%.3f,"
                              "\"segsnr_percussion\":%.3f,\"segsnr_speech\":%.3f,"
                              "\"segsnr_mean\":%.3f,\"encode_ns_median\":%.0f}\n",
                              frameSamples, row.channels, qualityName(row.quality), bytes,
                              row.lossPercent, cx, snr[0], snr[1], snr[2], snrSum / 3, nsSum / 3);
                jsonLines += buffer;
            }
        }
        std::printf("%-24s dB %s\n%-24s ns %s\n", label, snrLine.c_str(), "", nsLine.c_str());
        std::fflush(stdout);
    }
    if (json) {
        std::printf("%s", jsonLines.c_str());
    }
    return 0;
}
