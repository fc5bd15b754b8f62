#include "src/directory/address_rules.h"

namespace tutti::directory {

bool isPrivateIpv4(uint32_t ip) {
    return (ip >> 24) == 10 || (ip >> 24) == 127 || (ip >> 20) == ((172u << 4) | 1u) ||
           (ip >> 16) == ((192u << 8) | 168u);
}

Ipv4Endpoint listedAddress(const Ipv4Endpoint& source, const Ipv4Endpoint& internal,
                           uint32_t clientIp) {
    const bool clientPrivate = isPrivateIpv4(clientIp);
    const bool serverPrivate = isPrivateIpv4(source.ip);
    if (clientPrivate || (!serverPrivate && source.ip != clientIp)) {
        return source;
    }
    return internal;
}

bool needsHolePunch(const Ipv4Endpoint& serverSource) {
    return !isPrivateIpv4(serverSource.ip);
}

Ipv4Endpoint holePunchTarget(const Ipv4Endpoint& client, uint32_t directoryOwnIp) {
    if (isPrivateIpv4(client.ip) && directoryOwnIp != 0 && !isPrivateIpv4(directoryOwnIp)) {
        return {directoryOwnIp, client.port};
    }
    return client;
}

}  // namespace tutti::directory
