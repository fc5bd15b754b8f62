// A small attack tool for testing Tutti's abuse defences (issue 8) on the loopback interface
// only: floods a server with one kind of hostile traffic for a bounded time at a bounded rate and
// counts what comes back. Shared by tutti-flood and the integration tests.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tutti::flood {

enum class Mode {
    Chat,         // one connected client sends chat texts as fast as the rate allows
    Infos,        // one connected client sends ever-changing channel infos
    Ports,        // audio-looking datagrams from many ports of one address
    Addresses,    // audio-looking datagrams from many addresses that never answer
    ClientsList,  // CLM_REQ_CONN_CLIENTS_LIST from many addresses (a spoofed reflection flood)
    ServerList,   // CLM_REQ_SERVER_LIST from many addresses
    Mutated,      // well-framed protocol datagrams with random ids and payloads
    Oversize,     // datagrams longer than any valid one
};

struct FloodOptions {
    Mode mode = Mode::Addresses;
    std::uint16_t port = 22124;  // the server, always on 127.0.0.1
    double seconds = 3;          // at most kMaxSeconds
    double rate = 20000;         // datagrams per second, at most kMaxRate
    int sources = 1000;          // ports or addresses used, at most kMaxSources
    int sourceNet = 2;           // sources are 127.<sourceNet>.x.y (127.<sourceNet>.0.1 for Ports)
    int size = 40;               // audio-looking / oversize datagram length

    static constexpr double kMaxSeconds = 60;
    static constexpr double kMaxRate = 400000;
    static constexpr int kMaxSources = 65536;
};

struct FloodResult {
    std::uint64_t sentDatagrams = 0;
    std::uint64_t sentBytes = 0;
    std::uint64_t failedSends = 0;
    std::uint64_t receivedDatagrams = 0;
    std::uint64_t receivedBytes = 0;
    double seconds = 0;
    bool connected = false;  // Chat/Infos: the server gave us a channel
    std::string error;

    std::string json(Mode mode) const;
};

std::optional<Mode> parseMode(const std::string& name);
const char* modeName(Mode mode);

// Runs until options.seconds have passed or `stop` becomes true.
FloodResult runFlood(const FloodOptions& options, const std::atomic<bool>& stop);

}  // namespace tutti::flood
