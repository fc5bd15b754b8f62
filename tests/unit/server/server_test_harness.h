#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/framing.h"
#include "src/engine/rt_link.h"
#include "src/server/server_core.h"

namespace tutti::server::test {

struct SentDatagram {
    net::PeerAddress to;
    std::vector<uint8_t> bytes;
};

struct DecodedFrame {
    uint16_t id;
    uint8_t counter;
    std::vector<uint8_t> payload;
};

// A ServerCore wired to in-memory queues, with a fake clock and helpers that play the client
// side of the conversation.
class ServerHarness {
  public:
    explicit ServerHarness(ServerConfig config);

    static net::PeerAddress client(uint16_t port);

    void advance(std::chrono::milliseconds d) { now += d; }
    void audioFrom(const net::PeerAddress& from);
    void messageFrom(const net::PeerAddress& from, uint16_t id, uint8_t counter,
                     const std::vector<uint8_t>& payload);
    template <typename Msg>
    void send(const net::PeerAddress& from, const Msg& m, uint8_t counter) {
        messageFrom(from, Msg::kId, counter, m.encode());
    }

    // Protocol frames sent to `to` since the last call (datagrams that are not frames are kept
    // out).
    std::vector<DecodedFrame> takeFramesTo(const net::PeerAddress& to);
    // Acknowledges every connection message the server sends to `to` until it has nothing more
    // queued; returns the ids in the order they arrived.
    std::vector<uint16_t> ackEverything(const net::PeerAddress& to,
                                        std::vector<DecodedFrame>* all = nullptr);
    std::vector<engine::MixCommand> takeMixCommands();
    std::vector<engine::RxCommand> takeRxCommands();

    ServerCore::Clock::time_point now;
    std::vector<SentDatagram> sent;
    std::vector<std::string> log;
    engine::RtLink link;
    ServerCore core;
};

// Four channels and a version with sequence numbers: what most ServerCore tests start from.
ServerConfig defaultConfig();

// Connects a client at `a` and plays the whole connect conversation (PROTOCOL.md 5.2), with a
// profile when `name` is given; returns its channel id (-1 if it got none).
int connect(ServerHarness& h, const net::PeerAddress& a, const std::string& name = "");

}  // namespace tutti::server::test
