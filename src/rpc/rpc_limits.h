// The bounds that keep a misbehaving or hostile peer on the JSON-RPC port from costing the control
// thread more than a little work and memory. docs/JSONRPC.md states them for operators.
#pragma once

#include <chrono>
#include <cstddef>

namespace tutti::rpc {

struct JsonRpcLimits {
    // Longest request line. The biggest real request (a 1600-character welcome message, every
    // character escaped) is about 10 kB; a batch of them fits many times over. Past this the
    // connection is dropped without buffering the rest.
    std::size_t maxLineBytes = 256 * 1024;
    // Open connections at once. At the limit the oldest unauthenticated one makes room for a new
    // one; if all are authenticated the new one is refused.
    int maxConnections = 64;
    // A connection that has not authenticated by then is closed, so idle or slow peers cannot
    // hold slots for long and an operator always gets one within 15 s.
    std::chrono::milliseconds authTimeout{10000};
    // Responses and notifications waiting for a peer that does not read. A getClients answer
    // for 150 clients is about 30 kB.
    std::size_t maxWriteBacklogBytes = 1024 * 1024;
    // After a wrong secret nothing more is read from that connection for this long, which
    // bounds guessing to one attempt per second per connection.
    std::chrono::milliseconds failedAuthDelay{1000};
    // Lines handled in one turn of the event loop before other connections and the server's
    // own work get theirs.
    int linesPerTurn = 64;
    // A closing connection whose peer does not take the last response is cut off after this.
    std::chrono::milliseconds closeGrace{2000};
    // Console lines about one connection's rejected requests before they are only counted.
    int rejectedLinesLogged = 5;
    // Console lines per kind (connections, drops, failed authentication) and window; the rest
    // are counted and the count printed once the window is over.
    int logLinesPerWindow = 200;
    std::chrono::milliseconds logWindow{10000};
};

}  // namespace tutti::rpc
