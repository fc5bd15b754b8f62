#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "protocol/framing.h"
#include "src/directory/registrar.h"
#include "src/net/peer_address.h"

namespace tutti::directory::test {

struct Sent {
    net::PeerAddress to;
    uint16_t id;
    std::vector<uint8_t> payload;
    std::size_t bytes;
};

// Collects what the code under test sends and logs, and plays the name resolver.
struct Wire {
    std::vector<Sent> sent;
    std::vector<std::string> log;
    struct Lookup {
        std::string host;
        uint16_t port;
        Registrar::ResolveDone done;
    };
    std::vector<Lookup> lookups;

    Registrar::SendFn sendFn() {
        return [this](const net::PeerAddress& to, std::span<const uint8_t> bytes) {
            const auto f = protocol::parseFrame(bytes);
            sent.push_back({to, f ? f->id : uint16_t{0},
                            f ? std::vector<uint8_t>(f->payload.begin(), f->payload.end())
                              : std::vector<uint8_t>{},
                            bytes.size()});
        };
    }
    Registrar::LogFn logFn() {
        return [this](const std::string& line) { log.push_back(line); };
    }
    Registrar::ResolveFn resolveFn() {
        return [this](const std::string& host, uint16_t port, Registrar::ResolveDone done) {
            lookups.push_back({host, port, std::move(done)});
        };
    }
    std::vector<Sent> take() {
        std::vector<Sent> out;
        out.swap(sent);
        return out;
    }
    std::vector<uint16_t> takeIds() {
        std::vector<uint16_t> ids;
        for (const Sent& s : take()) {
            ids.push_back(s.id);
        }
        return ids;
    }
};

inline net::PeerAddress loopback(uint16_t port) {
    return net::PeerAddress::fromIpv4(0x7F000001, port);
}

}  // namespace tutti::directory::test
