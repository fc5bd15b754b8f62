#include "src/directory/registrar.h"

#include <algorithm>

#include "protocol/framing.h"
#include "protocol/messages.h"

namespace tutti::directory {

namespace p = tutti::protocol;

namespace {
constexpr uint8_t kOsLinux = 2;

bool sameIpv4Endpoint(const net::PeerAddress& a, const net::PeerAddress& b) {
    uint32_t ia = 0;
    uint32_t ib = 0;
    return a.ipv4(ia) && b.ipv4(ib) && ia == ib && a.port() == b.port();
}
}  // namespace

Registrar::Registrar(DirectoryAddress target, RegistrationInfo info, SendFn send, LogFn log,
                     ResolveFn resolve)
    : target_(std::move(target)),
      info_(std::move(info)),
      send_(std::move(send)),
      log_(std::move(log)),
      resolve_(std::move(resolve)) {}

void Registrar::setStatus(RegistrationStatus s) {
    status_ = s;
    log_("Server Registration Status update: " + std::string(statusText(s)));
}

void Registrar::start(Clock::time_point now) {
    started_ = true;
    beginAttempt(now);
}

void Registrar::setServerName(const std::string& name, Clock::time_point now) {
    info_.identity.name = name;
    if (started_ &&
        (status_ == RegistrationStatus::Registered || status_ == RegistrationStatus::Requested)) {
        beginAttempt(now);
    }
}

void Registrar::setServerLocation(const std::string& city, uint16_t country,
                                  Clock::time_point now) {
    info_.identity.city = city;
    info_.identity.country = country;
    if (started_ &&
        (status_ == RegistrationStatus::Registered || status_ == RegistrationStatus::Requested)) {
        beginAttempt(now);
    }
}

void Registrar::beginAttempt(Clock::time_point now) {
    ++attempt_;
    awaitingResponse_ = false;
    resolved_.reset();
    nextAttempt_ = now + kRefresh;
    if (target_.kind != DirectoryAddress::Kind::Register) {
        onAddress(std::nullopt, now);
        return;
    }
    net::PeerAddress literal;
    if (net::PeerAddress::parse(target_.host, target_.port, literal)) {
        onAddress(literal, now);
        return;
    }
    // The address is looked up again at every attempt so DNS changes are picked up.
    resolving_ = true;
    const uint64_t attempt = attempt_;
    resolve_(target_.host, target_.port, [this, attempt](std::optional<net::PeerAddress> a) {
        if (attempt == attempt_ && resolving_) {
            resolved_ = std::move(a);
        }
    });
}

void Registrar::onAddress(std::optional<net::PeerAddress> address, Clock::time_point now) {
    resolving_ = false;
    uint32_t ip = 0;
    if (!address || !address->ipv4(ip)) {
        failed(RegistrationStatus::BadAddress, now);
        return;
    }
    if (!address_ || !sameIpv4Endpoint(*address_, *address)) {
        nextKeepAlive_ = now + kKeepAlive;
    }
    address_ = address;
    sends_ = 0;
    awaitingResponse_ = true;
    sendRegistration(now);
    setStatus(RegistrationStatus::Requested);
}

void Registrar::sendRegistration(Clock::time_point now) {
    p::ClmRegisterServerExMsg m;
    m.info.port = info_.serverPort;
    m.info.country = info_.identity.country;
    m.info.maxClients = info_.maxClients;
    m.info.permanent = registeredSince_ && now - *registeredSince_ >= kPermanentAfter ? 1 : 0;
    m.info.name = info_.identity.name;
    m.info.internalAddress = info_.internalIp;
    m.info.city = info_.identity.city;
    m.os = kOsLinux;
    m.version = info_.version;
    send_(*address_, p::encodeFrame(p::ClmRegisterServerExMsg::kId, 0, m.encode()));
    ++sends_;
    nextSend_ = now + kResponseWait;
}

void Registrar::failed(RegistrationStatus s, Clock::time_point now) {
    awaitingResponse_ = false;
    registeredSince_.reset();
    const auto delay =
        std::min<Clock::duration>(kFirstRetry * (1 << std::min(failures_, 4)), kRefresh);
    ++failures_;
    nextAttempt_ = now + delay;
    setStatus(s);
}

void Registrar::onTimer(Clock::time_point now) {
    if (!started_) {
        return;
    }
    if (resolved_) {
        std::optional<net::PeerAddress> address = std::move(*resolved_);
        resolved_.reset();
        onAddress(std::move(address), now);
    }
    if (awaitingResponse_ && now >= nextSend_) {
        if (sends_ < kMaxSends) {
            sendRegistration(now);
        } else {
            failed(RegistrationStatus::TimeOut, now);
        }
    }
    if (address_ && now >= nextKeepAlive_) {
        // Keeps the NAT mapping towards the directory open between refreshes.
        send_(*address_, p::encodeFrame(p::ClmEmptyMessageMsg::kId, 0, {}));
        nextKeepAlive_ = now + kKeepAlive;
    }
    if (!resolving_ && now >= nextAttempt_) {
        beginAttempt(now);
    }
}

void Registrar::onResponse(const net::PeerAddress& from, uint8_t value, Clock::time_point now) {
    if (!started_ || !isDirectory(from)) {
        return;  // anyone can send 1016; only our directory's answer counts
    }
    awaitingResponse_ = false;
    const RegistrationStatus s = statusFromResponse(value);
    if (s == RegistrationStatus::Registered) {
        failures_ = 0;
        if (!registeredSince_) {
            registeredSince_ = now;
        }
    } else {
        registeredSince_.reset();
    }
    setStatus(s);
}

void Registrar::shutdown() {
    if (!started_) {
        return;
    }
    started_ = false;
    if (address_) {
        send_(*address_, p::encodeFrame(p::ClmUnregisterServerMsg::kId, 0, {}));
    }
    registeredSince_.reset();
    setStatus(RegistrationStatus::NotRegistered);
}

bool Registrar::isDirectory(const net::PeerAddress& from) const {
    return address_ && sameIpv4Endpoint(*address_, from);
}

}  // namespace tutti::directory
