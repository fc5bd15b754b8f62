// Everything directory-related the control thread does, behind ServerCore's connectionless hook
// (an adapter in src/app forwards ServerCore's calls, so this library does not depend on it):
// either registering this server with a directory, or being one (keeping the server list,
// answering list requests, persisting the list). Qt-free; the clock comes in with every call.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "src/directory/directory_address.h"
#include "src/directory/list_filter.h"
#include "src/directory/list_request_guard.h"
#include "src/directory/registrar.h"
#include "src/directory/server_list.h"
#include "src/net/peer_address.h"

namespace tutti::directory {

struct DirectoryConfig {
    DirectoryAddress address;
    ServerIdentity identity;
    uint8_t maxClients = 10;
    uint16_t serverPort = 22124;
    std::string version;
    // Registering: the "internal" address announced (--serverpublicip or the detected LAN
    // address). Directory: our own address, the hole-punch target for clients on a LAN.
    std::string ownIp;
    ListFilter filter;
    std::string persistenceFile;  // directory mode; empty = no persistence
};

class DirectoryService {
  public:
    using Clock = std::chrono::steady_clock;
    using SendFn = Registrar::SendFn;
    using LogFn = Registrar::LogFn;

    static constexpr auto kSweepInterval = std::chrono::minutes(1);
    static constexpr auto kKeepAlive = std::chrono::seconds(59);

    DirectoryService(DirectoryConfig config, SendFn send, LogFn log, Registrar::ResolveFn resolve);

    bool isDirectory() const { return config_.address.kind == DirectoryAddress::Kind::BeDirectory; }
    // Directory mode: "Now a directory", the persistence file is loaded. Registering: the first
    // registration attempt.
    void start(Clock::time_point now);

    // A connectionless message ServerCore does not answer itself.
    void onConnectionless(uint16_t id, std::span<const uint8_t> payload,
                          const net::PeerAddress& from, Clock::time_point now);
    // ServerCore has just answered a ping from `from`.
    void onPingAnswered(const net::PeerAddress& from, Clock::time_point now);
    void onTimer(Clock::time_point now);
    // Clean stop (or a change of directory): unregister, save the list.
    void onShutdown();
    // A new server name at run time; a registered server re-registers at once.
    void setServerName(const std::string& name, Clock::time_point now);
    void setServerLocation(const std::string& city, uint16_t country, Clock::time_point now);

    // For status queries (JSON-RPC, GUI): the last status logged.
    RegistrationStatus registrationStatus() const;
    const ServerList* serverList() const { return list_.get(); }

  private:
    void onRegistration(const RegistrationRequest& r, const net::PeerAddress& from,
                        Clock::time_point now);
    void onListRequest(const net::PeerAddress& from, Clock::time_point now);
    void onHolePunchRequest(std::span<const uint8_t> payload, const net::PeerAddress& from);
    void sendFrame(const net::PeerAddress& to, uint16_t id, const std::vector<uint8_t>& payload);
    void save(bool logEntries);
    void load(Clock::time_point now);

    DirectoryConfig config_;
    SendFn send_;
    LogFn log_;
    std::unique_ptr<Registrar> registrar_;  // registering mode
    std::unique_ptr<ServerList> list_;      // directory mode
    ListRequestGuard guard_;
    uint32_t ownIpv4_ = 0;
    bool started_ = false;
    Clock::time_point nextSweep_{};
    Clock::time_point nextKeepAlive_{};
};

}  // namespace tutti::directory
