#include "src/directory/server_list.h"

#include <algorithm>

namespace tutti::directory {

ServerList::ServerList(ServerIdentity self, uint8_t selfMaxClients, ListFilter filter)
    : self_(std::move(self)), selfMaxClients_(selfMaxClients), filter_(std::move(filter)) {}

RegisteredServer* ServerList::find(const Ipv4Endpoint& source) {
    const auto it = std::find_if(servers_.begin(), servers_.end(),
                                 [&](const RegisteredServer& s) { return s.source == source; });
    return it == servers_.end() ? nullptr : &*it;
}

ServerList::Outcome ServerList::registerServer(const RegistrationRequest& r,
                                               Clock::time_point now) {
    if (filter_.hasMinimumVersion() &&
        (!r.version || !versionAtLeast(*r.version, filter_.minimumVersion))) {
        return Outcome::VersionTooOld;
    }
    if (!filter_.allows(r.source.ip)) {
        return Outcome::NotAllowed;
    }
    RegisteredServer entry{r.source,  r.internal,   r.name,      r.city,
                           r.country, r.maxClients, r.permanent, now};
    if (RegisteredServer* known = find(r.source)) {
        const bool changed = !known->sameListing(entry);
        *known = entry;
        return changed ? Outcome::Changed : Outcome::Refreshed;
    }
    if (size() >= kCapacity) {
        return Outcome::ListFull;
    }
    servers_.push_back(entry);
    return Outcome::Added;
}

bool ServerList::unregisterServer(const Ipv4Endpoint& source) {
    return std::erase_if(servers_, [&](const RegisteredServer& s) { return s.source == source; }) >
           0;
}

std::vector<Ipv4Endpoint> ServerList::expire(Clock::time_point now) {
    std::vector<Ipv4Endpoint> gone;
    std::erase_if(servers_, [&](const RegisteredServer& s) {
        if (now - s.refreshedAt < kExpiry) {
            return false;
        }
        gone.push_back(s.source);
        return true;
    });
    return gone;
}

bool ServerList::restore(const RegisteredServer& s) {
    if (find(s.source) != nullptr || size() >= kCapacity) {
        return false;
    }
    servers_.push_back(s);
    return true;
}

}  // namespace tutti::directory
