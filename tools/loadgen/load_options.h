#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/codec_params.h"

namespace tutti::loadgen {

// How the listeners' personal mixes relate to each other.
enum class MixMode {
    Default,    // nobody touches a fader: every listener's mix has the same inputs
    Different,  // every listener sets its own gains and pan, so no two mixes are equal
};

// Where the simulated clients come from (see ClientTransport).
enum class SourceMode {
    Addresses,  // each client from its own 127.0.0.0/8 address, all through one socket
    Ports,      // one socket per client, all on one address
};

struct LoadOptions {
    std::string serverHost = "127.0.0.1";
    std::uint16_t serverPort = 22124;
    int clients = 10;
    int frameSamples = 128;  // 128 (OPUS) or 64 (OPUS64)
    int channels = 2;        // 1 mono, 2 stereo
    protocol::Quality quality = protocol::Quality::Normal;
    bool sequenceNumbers = true;   // switched on after VERSION_AND_OS >= 3.6.0, as a 3.9.1 client
    std::uint16_t jitterBuf = 21;  // server-side jitter buffer the clients ask for; 21 = auto

    double durationS = 10.0;     // measurement window, after everybody joined and settled
    double joinOverS = 5.0;      // clients start evenly spread over this ramp
    double settleS = 1.0;        // pause between "all joined" and the measurement window
    double joinTimeoutS = 15.0;  // after the last client started, measure anyway
    double waitIdleS = 40.0;     // first wait until the server reports no clients (0 = don't)

    MixMode mixes = MixMode::Default;
    double faderMoves = 0.0;      // fraction of clients that move a fader now and then
    double faderIntervalS = 3.0;  // seconds between two fader moves of one client

    int serverPid = 0;  // for CPU and RSS from /proc; 0 = not measured
    int voices = 50;    // distinct tones in the frame bank; client i sends tone i % voices
    int sendSlots = 8;  // send phases per frame period the clients are spread over
    SourceMode sources = SourceMode::Addresses;  // Ports when the server is not on loopback
    int rtPriority = 0;        // SCHED_FIFO priority for the load generator (0 = normal scheduling)
    bool decodeCheck = false;  // decode every received mix frame
    bool json = false;         // print one JSON line after the summary
    bool quiet = false;        // no human summary
    bool expectHeld = false;   // exit status 2 when the run does not hold
    std::string label;         // free text copied into the JSON line

    int codedBytes() const;
    double framePeriodS() const {
        return frameSamples / static_cast<double>(protocol::kSampleRate);
    }
};

// Parses the command line (without argv[0]). On error returns nullopt and sets `error`;
// `--help` returns nullopt with an empty error after setting `help`.
std::optional<LoadOptions> parseLoadOptions(const std::vector<std::string>& args,
                                            std::string& error, bool& help);

std::string loadUsage();

}  // namespace tutti::loadgen
