// The two list messages a directory sends for CLM_REQ_SERVER_LIST (PROTOCOL.md 12.6).
#pragma once

#include <cstdint>

#include "protocol/connectionless_messages.h"
#include "src/directory/server_list.h"

namespace tutti::directory {

// Entry 0 is the directory at 0.0.0.0:0 (clients put in the address the list came from),
// registered servers follow with the address this client must use.
protocol::ClmServerListMsg fullList(const ServerList& list, uint32_t clientIp);
protocol::ClmRedServerListMsg reducedList(const ServerList& list, uint32_t clientIp);
// Only entry 0: the answer to a request from an address that has not pinged us yet.
protocol::ClmRedServerListMsg probeList(const ServerList& list);

}  // namespace tutti::directory
