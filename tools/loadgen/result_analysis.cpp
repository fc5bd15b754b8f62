#include "tools/loadgen/result_analysis.h"

#include <algorithm>

#include "tools/loadgen/arrival_stats.h"
#include "tools/loadgen/load_stats.h"

namespace tutti::loadgen {

void analyseClients(const std::vector<std::unique_ptr<LoadClient>>& clients, LoadResult& r) {
    r.expectedPerClient = r.windowS / r.options.framePeriodS();
    MicrosHistogram inter(10.0, 100000.0);
    std::vector<double> delivered;
    std::vector<double> joins;
    for (const auto& cp : clients) {
        const LoadClient& c = *cp;
        ClientResult cr;
        cr.index = c.index;
        cr.channelId = c.channelId;
        cr.joined = c.firstMixAt.has_value();
        if (cr.joined && c.firstSendAt) {
            cr.joinLatencyMs =
                std::chrono::duration<double, std::milli>(*c.firstMixAt - *c.firstSendAt).count();
            joins.push_back(cr.joinLatencyMs);
            ++r.joined;
        }
        cr.received = c.mixes.received();
        cr.delivered =
            r.expectedPerClient > 0 ? static_cast<double>(cr.received) / r.expectedPerClient : 0;
        cr.interP50Us = c.mixes.interArrival().percentile(0.5);
        cr.interP99Us = c.mixes.interArrival().percentile(0.99);
        cr.interMaxUs = c.mixes.interArrival().max();
        cr.sequenceGaps = c.mixes.sequenceGaps();
        cr.wrongSize = c.wrongSize;
        cr.framesDecoded = c.framesDecoded;
        cr.decodeErrors = c.decodeErrors;
        cr.silentFrames = c.silentFrames;
        cr.serverFull = c.serverFull;
        inter.merge(c.mixes.interArrival());
        delivered.push_back(cr.delivered);
        r.worstClientP99Us = std::max(r.worstClientP99Us, cr.interP99Us);
        r.sequenceGaps += cr.sequenceGaps;
        r.wrongSize += cr.wrongSize;
        r.framesDecoded += cr.framesDecoded;
        r.decodeErrors += cr.decodeErrors;
        r.silentFrames += cr.silentFrames;
        if (cr.delivered < kHeldDelivered) {
            ++r.clientsBelowTarget;
        }
        r.clients.push_back(cr);
    }
    r.joinP50Ms = quantile(joins, 0.5);
    r.joinMaxMs = joins.empty() ? 0 : *std::max_element(joins.begin(), joins.end());
    r.deliveredMin = delivered.empty() ? 0 : *std::min_element(delivered.begin(), delivered.end());
    r.deliveredMedian = quantile(delivered, 0.5);
    double sum = 0;
    for (double d : delivered) {
        sum += d;
    }
    r.deliveredMean = delivered.empty() ? 0 : sum / static_cast<double>(delivered.size());
    r.interP50Us = inter.percentile(0.5);
    r.interP99Us = inter.percentile(0.99);
    r.interMaxUs = inter.max();
}

void analyseBursts(std::vector<std::int64_t>& arrivals, std::int64_t gapNs, LoadResult& r) {
    if (r.options.clients < 2 || arrivals.empty()) {
        return;
    }
    const auto spreads = burstSpreadsUs(arrivals, gapNs);
    r.bursts = spreads.size();
    r.sendSpreadP50Us = quantile(spreads, 0.5);
    r.sendSpreadP99Us = quantile(spreads, 0.99);
}

bool judgeHeld(const LoadResult& r) {
    const double periodUs = r.options.framePeriodS() * 1e6;
    return r.joined == r.options.clients && r.deliveredMin >= kHeldDelivered &&
           r.interP99Us < 2 * periodUs;
}

}  // namespace tutti::loadgen
