#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tools/loadgen/load_options.h"

namespace tutti::loadgen {

struct ClientResult {
    int index = 0;
    int channelId = -1;          // from CLIENT_ID; -1 if never received
    bool joined = false;         // received at least one mix datagram
    double joinLatencyMs = -1;   // first audio datagram sent -> first mix received
    std::uint64_t received = 0;  // mix datagrams with a kernel timestamp inside the window
    double delivered = 0;        // received / expected
    double interP50Us = 0;
    double interP99Us = 0;
    double interMaxUs = 0;
    std::uint64_t sequenceGaps = 0;   // frames missing according to the server's sequence numbers
    std::uint64_t wrongSize = 0;      // mix datagrams of a length our format does not produce
    std::uint64_t framesDecoded = 0;  // with --decode-check
    std::uint64_t decodeErrors = 0;
    std::uint64_t silentFrames = 0;  // decoded frames whose peak is below -66 dBFS
    std::uint64_t serverFull = 0;    // CLM_SERVER_FULL answers
};

struct LoadResult {
    LoadOptions options;
    std::vector<ClientResult> clients;

    int joined = 0;
    double joinP50Ms = 0;
    double joinMaxMs = 0;

    double windowS = 0;
    double expectedPerClient = 0;
    double deliveredMin = 0;
    double deliveredMedian = 0;
    double deliveredMean = 0;
    int clientsBelowTarget = 0;  // delivered < 99.5 %

    // Inter-arrival of mix datagrams at each client (kernel receive timestamps), all clients'
    // intervals merged; and the worst single client's p99.
    double interP50Us = 0;
    double interP99Us = 0;
    double interMaxUs = 0;
    double worstClientP99Us = 0;

    // Client-side view of one tick's sends: first to last mix datagram of a burst, over all
    // clients. A lower bound for the server's tick-to-last-send time.
    double sendSpreadP50Us = 0;
    double sendSpreadP99Us = 0;
    std::uint64_t bursts = 0;

    std::uint64_t sequenceGaps = 0;
    std::uint64_t wrongSize = 0;
    std::uint64_t framesDecoded = 0;
    std::uint64_t decodeErrors = 0;
    std::uint64_t silentFrames = 0;
    std::uint64_t faderMessages = 0;

    // The load generator's own timing: how late each audio datagram left versus its deadline.
    double sendLateP50Us = 0;
    double sendLateP99Us = 0;
    double sendLateMaxUs = 0;
    std::uint64_t sendResyncs = 0;  // fell > 100 ms behind and restarted the clock
    std::uint64_t sendFailures = 0;
    std::uint64_t missingTimestamps = 0;  // arrivals timed by the loop instead of the kernel
    std::uint64_t strayDatagrams = 0;     // not from the server, or to no client of ours

    std::optional<double> serverCpuPct;  // of one core, over the window
    std::optional<long> serverRssIdleKib;
    std::optional<long> serverRssEndKib;
    double selfCpuPct = 0;  // the load generator, of one core, over the window
    double setupS = 0;      // encoding the frame bank
    bool realtime = false;  // the load generator ran SCHED_FIFO
    std::vector<double> loadAvgStart;
    std::vector<double> loadAvgEnd;

    bool held = false;
};

// Runs one load test: joins the clients, measures for the window, disconnects everybody.
// Progress lines go to `log` if given. Throws std::runtime_error on set-up failures.
LoadResult runLoad(const LoadOptions& options, std::ostream* log = nullptr);

std::string formatSummary(const LoadResult& result);
std::string formatJson(const LoadResult& result);

}  // namespace tutti::loadgen
