// A directory's list of registered servers (PROTOCOL.md 12.2): entry 0 is the directory itself,
// registered servers follow in registration order, keyed by the registration's source address.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/directory/address_rules.h"
#include "src/directory/list_filter.h"
#include "src/directory/server_info_option.h"

namespace tutti::directory {

struct RegisteredServer {
    Ipv4Endpoint source;    // where the registration came from (the key)
    Ipv4Endpoint internal;  // the server's own idea of its address and port
    std::string name;
    std::string city;
    uint16_t country = 0;
    uint8_t maxClients = 0;
    uint8_t permanent = 0;
    std::chrono::steady_clock::time_point refreshedAt{};

    // Everything a list or the persistence file shows; the refresh time is not part of it.
    bool sameListing(const RegisteredServer& o) const {
        return source == o.source && internal == o.internal && name == o.name && city == o.city &&
               country == o.country && maxClients == o.maxClients && permanent == o.permanent;
    }
};

// What a registration asks for, as decoded from 1004/1017.
struct RegistrationRequest {
    Ipv4Endpoint source;
    Ipv4Endpoint internal;
    std::string name;
    std::string city;
    uint16_t country = 0;
    uint8_t maxClients = 0;
    uint8_t permanent = 0;
    std::optional<std::string> version;  // none for the old 1004 message
};

class ServerList {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::size_t kCapacity = 150;  // including the directory itself
    static constexpr auto kExpiry = std::chrono::minutes(33);

    enum class Outcome { Added, Refreshed, Changed, ListFull, VersionTooOld, NotAllowed };

    ServerList(ServerIdentity self, uint8_t selfMaxClients, ListFilter filter);

    // Checks in the order Jamulus makes them: version, allow-list, capacity.
    Outcome registerServer(const RegistrationRequest& r, Clock::time_point now);
    bool unregisterServer(const Ipv4Endpoint& source);
    // Removes entries not refreshed for 33 minutes; returns their source addresses.
    std::vector<Ipv4Endpoint> expire(Clock::time_point now);
    // Appends without checks (loading the persistence file); false for a duplicate source or a
    // full list.
    bool restore(const RegisteredServer& s);
    void clear() { servers_.clear(); }

    const ServerIdentity& self() const { return self_; }
    // The directory's own entry follows a rename at run time (setServerName).
    void setSelfName(const std::string& name) { self_.name = name; }
    void setSelfLocation(const std::string& city, uint16_t country) {
        self_.city = city;
        self_.country = country;
    }
    uint8_t selfMaxClients() const { return selfMaxClients_; }
    const std::vector<RegisteredServer>& servers() const { return servers_; }
    std::size_t size() const { return servers_.size() + 1; }

  private:
    RegisteredServer* find(const Ipv4Endpoint& source);

    ServerIdentity self_;
    uint8_t selfMaxClients_;
    ListFilter filter_;
    std::vector<RegisteredServer> servers_;
};

}  // namespace tutti::directory
