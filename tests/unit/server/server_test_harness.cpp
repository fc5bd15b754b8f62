#include "server_test_harness.h"

#include "protocol/messages.h"

namespace tutti::server::test {

ServerHarness::ServerHarness(ServerConfig config)
    : now(ServerCore::Clock::now()),
      link(config.maxChannels),
      core(
          config, link,
          [this](const net::PeerAddress& to, std::span<const uint8_t> data) {
              sent.push_back({to, std::vector<uint8_t>(data.begin(), data.end())});
          },
          [this](const std::string& line) { log.push_back(line); }) {}

net::PeerAddress ServerHarness::client(uint16_t port) {
    return net::PeerAddress::fromIpv4(0x7F000001, port);
}

void ServerHarness::audioFrom(const net::PeerAddress& from) {
    auto d = std::make_unique<engine::InboundDatagram>();
    d->from = from;
    d->unknownAudio = true;
    d->size = 40;  // a typical Opus datagram; only its size travels with unknown audio
    core.onDatagram(*d, now);
}

void ServerHarness::messageFrom(const net::PeerAddress& from, uint16_t id, uint8_t counter,
                                const std::vector<uint8_t>& payload) {
    auto d = std::make_unique<engine::InboundDatagram>();
    d->from = from;
    const auto bytes = protocol::encodeFrame(id, counter, payload);
    d->setMessage(bytes, *protocol::parseFrame(bytes));  // as the socket reader hands it on
    core.onDatagram(*d, now);
}

std::vector<DecodedFrame> ServerHarness::takeFramesTo(const net::PeerAddress& to) {
    std::vector<DecodedFrame> out;
    std::vector<SentDatagram> rest;
    for (auto& s : sent) {
        if (!(s.to == to)) {
            rest.push_back(std::move(s));
            continue;
        }
        if (auto f = protocol::parseFrame(s.bytes)) {
            out.push_back({f->id, f->counter, {f->payload.begin(), f->payload.end()}});
        }
    }
    sent = std::move(rest);
    return out;
}

std::vector<uint16_t> ServerHarness::ackEverything(const net::PeerAddress& to,
                                                   std::vector<DecodedFrame>* all) {
    std::vector<uint16_t> ids;
    for (int round = 0; round < 1000; ++round) {
        auto frames = takeFramesTo(to);
        bool acked = false;
        for (const auto& f : frames) {
            if (all != nullptr) {
                all->push_back(f);
            }
            if (f.id == protocol::AcknMsg::kId || protocol::isConnectionlessId(f.id)) {
                continue;
            }
            ids.push_back(f.id);
            messageFrom(to, protocol::AcknMsg::kId, f.counter, protocol::AcknMsg{f.id}.encode());
            acked = true;
        }
        if (!acked) {
            break;
        }
    }
    return ids;
}

std::vector<engine::MixCommand> ServerHarness::takeMixCommands() {
    std::vector<engine::MixCommand> out;
    engine::MixCommand c;
    while (link.mixCommands.pop(c)) {
        out.push_back(c);
    }
    return out;
}

std::vector<engine::RxCommand> ServerHarness::takeRxCommands() {
    std::vector<engine::RxCommand> out;
    engine::RxCommand c;
    while (link.rxCommands.pop(c)) {
        out.push_back(c);
    }
    return out;
}

ServerConfig defaultConfig() {
    ServerConfig c;
    c.maxChannels = 4;
    c.version = "3.11.0-tutti";
    return c;
}

int connect(ServerHarness& h, const net::PeerAddress& a, const std::string& name) {
    namespace p = tutti::protocol;
    h.audioFrom(a);
    std::vector<DecodedFrame> frames;
    h.ackEverything(a, &frames);
    int id = -1;
    for (const auto& f : frames) {
        if (f.id == p::ClientIdMsg::kId) {
            id = p::ClientIdMsg::decode(f.payload)->channel;
        }
    }
    if (!name.empty()) {
        p::ChannelInfosMsg info;
        info.name = name;
        info.city = "Town";
        info.country = 82;
        h.send(a, info, 100);
        h.ackEverything(a);
    }
    return id;
}

}  // namespace tutti::server::test
