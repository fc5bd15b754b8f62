// Registering this server with a directory (PROTOCOL.md 12.1, OPERATIONS.md 3.1): resolve, send
// CLM_REGISTER_SERVER_EX up to 5 times 500 ms apart, refresh every 15 minutes, keep the NAT
// mapping open every 59 s, unregister on a clean stop. Qt-free and clock-injected.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "src/directory/directory_address.h"
#include "src/directory/registration_status.h"
#include "src/directory/server_info_option.h"
#include "src/net/peer_address.h"

namespace tutti::directory {

struct RegistrationInfo {
    ServerIdentity identity;
    uint16_t serverPort = 0;
    uint8_t maxClients = 10;
    std::string internalIp;  // --serverpublicip, else the detected LAN address
    std::string version;
};

class Registrar {
  public:
    using Clock = std::chrono::steady_clock;
    using SendFn = std::function<void(const net::PeerAddress&, std::span<const uint8_t>)>;
    using LogFn = std::function<void(const std::string&)>;
    using ResolveDone = std::function<void(std::optional<net::PeerAddress>)>;
    // Must not block: looks the name up elsewhere and calls `done` later on the control thread
    // (or at once). The result is IPv4 with the given port, or nullopt.
    using ResolveFn = std::function<void(const std::string& host, uint16_t port, ResolveDone done)>;

    static constexpr auto kResponseWait = std::chrono::milliseconds(500);
    static constexpr int kMaxSends = 5;
    static constexpr auto kRefresh = std::chrono::minutes(15);
    static constexpr auto kKeepAlive = std::chrono::seconds(59);
    static constexpr auto kPermanentAfter = std::chrono::hours(48);
    // After a failed attempt (bad address, no answer) we retry sooner than the 15-minute refresh
    // Jamulus waits for, doubling from one minute: a directory that is briefly down or a DNS
    // that is not ready at boot should not cost a quarter of an hour.
    static constexpr auto kFirstRetry = std::chrono::minutes(1);

    Registrar(DirectoryAddress target, RegistrationInfo info, SendFn send, LogFn log,
              ResolveFn resolve);

    void start(Clock::time_point now);
    void onTimer(Clock::time_point now);
    // CLM_REGISTER_SERVER_RESP; only the directory we registered with is listened to.
    void onResponse(const net::PeerAddress& from, uint8_t value, Clock::time_point now);
    // Sends CLM_UNREGISTER_SERVER if a directory address is known; status "Not registered".
    void shutdown();

    // A new server name (setServerName): sent to the directory at once when registered or
    // trying to be, as Jamulus does; otherwise used at the next attempt.
    void setServerName(const std::string& name, Clock::time_point now);
    // A new city / country (the desktop window), sent the same way as a new name.
    void setServerLocation(const std::string& city, uint16_t country, Clock::time_point now);

    // True for datagrams from the directory we registered with (IPv4-mapped forms match too).
    bool isDirectory(const net::PeerAddress& from) const;
    RegistrationStatus status() const { return status_; }
    const std::optional<net::PeerAddress>& directoryAddress() const { return address_; }

  private:
    void beginAttempt(Clock::time_point now);
    void onAddress(std::optional<net::PeerAddress> address, Clock::time_point now);
    void sendRegistration(Clock::time_point now);
    void failed(RegistrationStatus s, Clock::time_point now);
    void setStatus(RegistrationStatus s);

    DirectoryAddress target_;
    RegistrationInfo info_;
    SendFn send_;
    LogFn log_;
    ResolveFn resolve_;

    RegistrationStatus status_ = RegistrationStatus::NotRegistered;
    std::optional<net::PeerAddress> address_;
    // Results of lookups arrive through callbacks without a clock; they wait here for the next
    // tick, and the attempt number drops answers to lookups that were superseded.
    uint64_t attempt_ = 0;
    bool resolving_ = false;
    std::optional<std::optional<net::PeerAddress>> resolved_;
    int sends_ = 0;
    bool awaitingResponse_ = false;
    Clock::time_point nextSend_{};
    Clock::time_point nextAttempt_{};
    Clock::time_point nextKeepAlive_{};
    std::optional<Clock::time_point> registeredSince_;
    int failures_ = 0;
    bool started_ = false;
};

}  // namespace tutti::directory
