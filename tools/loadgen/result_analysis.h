#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "tools/loadgen/load_client.h"
#include "tools/loadgen/load_generator.h"

namespace tutti::loadgen {

// A client counts as served when it got this share of the mixes the window should hold.
inline constexpr double kHeldDelivered = 0.995;

// Fills r.clients and the figures summed or ranked over them (joins, delivery, inter-arrival,
// sequence gaps, decoding); r.options and r.windowS must be set.
void analyseClients(const std::vector<std::unique_ptr<LoadClient>>& clients, LoadResult& r);

// The client-side view of the server's send bursts (see burstSpreadsUs); sorts `arrivals`.
void analyseBursts(std::vector<std::int64_t>& arrivals, std::int64_t gapNs, LoadResult& r);

// Held: everybody joined, every client got kHeldDelivered of its mixes and the merged
// inter-arrival p99 stayed below two frame periods.
bool judgeHeld(const LoadResult& r);

}  // namespace tutti::loadgen
