#include "src/directory/server_list_reply.h"

namespace tutti::directory {

namespace p = tutti::protocol;

p::ClmServerListMsg fullList(const ServerList& list, uint32_t clientIp) {
    p::ClmServerListMsg m;
    const ServerIdentity& self = list.self();
    m.entries.push_back({0, 0, self.country, list.selfMaxClients(), 1, self.name, "", self.city});
    for (const RegisteredServer& s : list.servers()) {
        const Ipv4Endpoint at = listedAddress(s.source, s.internal, clientIp);
        m.entries.push_back(
            {at.ip, at.port, s.country, s.maxClients, s.permanent, s.name, "", s.city});
    }
    return m;
}

p::ClmRedServerListMsg reducedList(const ServerList& list, uint32_t clientIp) {
    p::ClmRedServerListMsg m = probeList(list);
    for (const RegisteredServer& s : list.servers()) {
        const Ipv4Endpoint at = listedAddress(s.source, s.internal, clientIp);
        m.entries.push_back({at.ip, at.port, s.name});
    }
    return m;
}

p::ClmRedServerListMsg probeList(const ServerList& list) {
    p::ClmRedServerListMsg m;
    m.entries.push_back({0, 0, list.self().name});
    return m;
}

}  // namespace tutti::directory
