#include "src/directory/directory_service.h"

#include <arpa/inet.h>

#include <algorithm>

#include "protocol/framing.h"
#include "protocol/messages.h"
#include "src/directory/server_list_file.h"
#include "src/directory/server_list_reply.h"

namespace tutti::directory {

namespace p = tutti::protocol;

namespace {

uint32_t parseIpv4(const std::string& text) {
    in_addr a{};
    return inet_pton(AF_INET, text.c_str(), &a) == 1 ? ntohl(a.s_addr) : 0;
}

RegistrationRequest toRequest(const p::ServerInfo& info, const Ipv4Endpoint& source,
                              std::optional<std::string> version) {
    RegistrationRequest r;
    r.source = source;
    // An empty (or unusable) internal address means the server did not know its own: Jamulus
    // reads it as 127.0.0.1.
    const uint32_t internalIp = parseIpv4(info.internalAddress);
    r.internal = {internalIp != 0 ? internalIp : 0x7F000001u, info.port};
    r.name = info.name;
    r.city = info.city;
    r.country = info.country;
    r.maxClients = info.maxClients;
    r.permanent = info.permanent != 0 ? 1 : 0;
    r.version = std::move(version);
    return r;
}

uint8_t responseFor(ServerList::Outcome o) {
    switch (o) {
        case ServerList::Outcome::ListFull:
            return p::ClmRegisterServerRespMsg::kListFull;
        case ServerList::Outcome::VersionTooOld:
            return p::ClmRegisterServerRespMsg::kVersionTooOld;
        case ServerList::Outcome::NotAllowed:
            return p::ClmRegisterServerRespMsg::kRequirementsNotFulfilled;
        default:
            return p::ClmRegisterServerRespMsg::kRegistered;
    }
}

}  // namespace

DirectoryService::DirectoryService(DirectoryConfig config, SendFn send, LogFn log,
                                   Registrar::ResolveFn resolve)
    : config_(std::move(config)), send_(std::move(send)), log_(std::move(log)) {
    ownIpv4_ = parseIpv4(config_.ownIp);
    if (isDirectory()) {
        list_ = std::make_unique<ServerList>(config_.identity, config_.maxClients, config_.filter);
    } else {
        RegistrationInfo info{config_.identity, config_.serverPort, config_.maxClients,
                              config_.ownIp, config_.version};
        registrar_ = std::make_unique<Registrar>(config_.address, std::move(info), send_, log_,
                                                 std::move(resolve));
    }
}

void DirectoryService::start(Clock::time_point now) {
    started_ = true;
    if (registrar_) {
        registrar_->start(now);
        return;
    }
    log_("Now a directory");
    load(now);
    nextSweep_ = now + kSweepInterval;
    nextKeepAlive_ = now + kKeepAlive;
    log_("Server Registration Status update: " +
         std::string(statusText(RegistrationStatus::Registered)));
}

void DirectoryService::setServerName(const std::string& name, Clock::time_point now) {
    config_.identity.name = name;
    if (registrar_) {
        registrar_->setServerName(name, now);
    }
    if (list_) {
        list_->setSelfName(name);
    }
}

void DirectoryService::setServerLocation(const std::string& city, uint16_t country,
                                         Clock::time_point now) {
    config_.identity.city = city;
    config_.identity.country = country;
    if (registrar_) {
        registrar_->setServerLocation(city, country, now);
    }
    if (list_) {
        list_->setSelfLocation(city, country);
    }
}

RegistrationStatus DirectoryService::registrationStatus() const {
    if (registrar_) {
        return registrar_->status();
    }
    return started_ ? RegistrationStatus::Registered : RegistrationStatus::NotRegistered;
}

void DirectoryService::sendFrame(const net::PeerAddress& to, uint16_t id,
                                 const std::vector<uint8_t>& payload) {
    send_(to, p::encodeFrame(id, 0, payload));
}

void DirectoryService::onConnectionless(uint16_t id, std::span<const uint8_t> payload,
                                        const net::PeerAddress& from, Clock::time_point now) {
    if (!started_) {
        return;
    }
    if (registrar_) {
        if (id == p::ClmRegisterServerRespMsg::kId) {
            if (auto m = p::ClmRegisterServerRespMsg::decode(payload)) {
                registrar_->onResponse(from, m->status, now);
            }
        } else if (id == p::ClmSendEmptyMessageMsg::kId) {
            onHolePunchRequest(payload, from);
        }
        return;
    }
    uint32_t ip = 0;
    const bool ipv4 = from.ipv4(ip);
    switch (id) {
        case p::ClmRegisterServerExMsg::kId:
            if (auto m = p::ClmRegisterServerExMsg::decode(payload); m && ipv4) {
                onRegistration(toRequest(m->info, {ip, from.port()}, m->version), from, now);
            }
            break;
        case p::ClmRegisterServerMsg::kId:
            if (auto m = p::ClmRegisterServerMsg::decode(payload); m && ipv4) {
                onRegistration(toRequest(m->info, {ip, from.port()}, std::nullopt), from, now);
            }
            break;
        case p::ClmUnregisterServerMsg::kId:
            if (ipv4 && list_->unregisterServer({ip, from.port()})) {
                log_("Requested to unregister entry for " + formatEndpoint({ip, from.port()}));
                save(false);
            }
            break;
        case p::ClmReqServerListMsg::kId:
            onListRequest(from, now);
            break;
        default:
            break;  // a directory ignores hole-punch requests and registration answers
    }
}

void DirectoryService::onRegistration(const RegistrationRequest& r, const net::PeerAddress& from,
                                      Clock::time_point now) {
    log_("Requested to register entry for " + formatEndpoint(r.source) + " (" +
         formatEndpoint(r.internal) + "): " + r.name +
         (isPrivateIpv4(r.source.ip) ? " (local)" : " (external)"));
    const ServerList::Outcome outcome = list_->registerServer(r, now);
    // Saved before answering: a server told "registered" is on disk even if we die right after.
    if (outcome == ServerList::Outcome::Added || outcome == ServerList::Outcome::Changed) {
        save(false);
    }
    sendFrame(from, p::ClmRegisterServerRespMsg::kId,
              p::ClmRegisterServerRespMsg{responseFor(outcome)}.encode());
}

void DirectoryService::onListRequest(const net::PeerAddress& from, Clock::time_point now) {
    uint32_t clientIp = 0;
    const bool ipv4 = from.ipv4(clientIp);
    // Built first: the guard needs their size to decide whether the budget allows them.
    const std::vector<uint8_t> reduced = reducedList(*list_, clientIp).encode();
    const std::vector<uint8_t> full = fullList(*list_, clientIp).encode();
    const std::size_t punches =
        ipv4 ? static_cast<std::size_t>(std::count_if(
                   list_->servers().begin(), list_->servers().end(),
                   [](const RegisteredServer& s) { return needsHolePunch(s.source); }))
             : 0;
    const std::size_t fullBytes = reduced.size() + full.size() + 4 * p::kFrameOverheadBytes +
                                  punches * (p::kFrameOverheadBytes + 6);
    const ListRequestGuard::Verdict verdict = guard_.onRequest(from, now, fullBytes);
    if (verdict == ListRequestGuard::Verdict::Drop) {
        return;
    }
    if (verdict == ListRequestGuard::Verdict::Probe) {
        sendFrame(from, p::ClmRedServerListMsg::kId, probeList(*list_).encode());
        return;
    }
    if (ipv4) {
        const Ipv4Endpoint target = holePunchTarget({clientIp, from.port()}, ownIpv4_);
        const std::vector<uint8_t> punch =
            p::ClmSendEmptyMessageMsg{target.ip, target.port}.encode();
        for (const RegisteredServer& s : list_->servers()) {
            if (needsHolePunch(s.source)) {
                sendFrame(net::PeerAddress::fromIpv4(s.source.ip, s.source.port),
                          p::ClmSendEmptyMessageMsg::kId, punch);
            }
        }
    }
    sendFrame(from, p::ClmRedServerListMsg::kId, reduced);
    sendFrame(from, p::ClmServerListMsg::kId, full);
}

void DirectoryService::onHolePunchRequest(std::span<const uint8_t> payload,
                                          const net::PeerAddress& from) {
    // Only the directory we registered with may make us send to a third address; answering
    // anyone would make this server a reflector (PROTOCOL.md 14).
    if (!registrar_->isDirectory(from)) {
        return;
    }
    if (auto m = p::ClmSendEmptyMessageMsg::decode(payload); m && m->ipv4 != 0) {
        sendFrame(net::PeerAddress::fromIpv4(m->ipv4, m->port), p::ClmEmptyMessageMsg::kId, {});
    }
}

void DirectoryService::onPingAnswered(const net::PeerAddress& from, Clock::time_point now) {
    if (list_) {
        guard_.onPingAnswered(from, now);
    }
}

void DirectoryService::onTimer(Clock::time_point now) {
    if (!started_) {
        return;
    }
    if (registrar_) {
        registrar_->onTimer(now);
        return;
    }
    if (now >= nextSweep_) {
        nextSweep_ = now + kSweepInterval;
        const std::vector<Ipv4Endpoint> gone = list_->expire(now);
        for (const Ipv4Endpoint& e : gone) {
            log_("Expired entry for " + formatEndpoint(e));
        }
        if (!gone.empty()) {
            save(false);
        }
        guard_.prune(now);
    }
    if (now >= nextKeepAlive_) {
        nextKeepAlive_ = now + kKeepAlive;
        for (const RegisteredServer& s : list_->servers()) {
            sendFrame(net::PeerAddress::fromIpv4(s.source.ip, s.source.port),
                      p::ClmEmptyMessageMsg::kId, {});
        }
    }
}

void DirectoryService::onShutdown() {
    if (!started_) {
        return;
    }
    if (registrar_) {
        registrar_->shutdown();
    } else {
        save(true);
    }
    started_ = false;
}

void DirectoryService::load(Clock::time_point now) {
    if (config_.persistenceFile.empty()) {
        return;
    }
    log_("Loading persistent server list file: \"" + config_.persistenceFile + "\"");
    std::string content;
    if (!readWholeFile(config_.persistenceFile, content)) {
        log_("Cannot read " + config_.persistenceFile + "; starting with an empty list");
        return;
    }
    ParsedServerListFile parsed = parseServerListFile(content, now, ServerList::kCapacity - 1);
    for (const std::string& line : parsed.lines) {
        log_(line);
    }
    list_->clear();
    for (const RegisteredServer& s : parsed.servers) {
        list_->restore(s);
    }
}

void DirectoryService::save(bool logEntries) {
    if (config_.persistenceFile.empty()) {
        return;
    }
    if (logEntries) {
        for (const RegisteredServer& s : list_->servers()) {
            log_("Saving registration for " + formatEndpoint(s.source) + " (" +
                 formatEndpoint(s.internal) + "): " + s.name);
        }
    }
    // Written on every change, not only at exit, so a crash or SIGKILL loses nothing.
    const std::string error =
        writeFileAtomically(config_.persistenceFile, formatServerListFile(list_->servers()));
    if (!error.empty()) {
        log_("Could not save the server list: " + error);
    }
}

}  // namespace tutti::directory
