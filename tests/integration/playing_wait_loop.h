#pragma once

#include <vector>

#include "rpc_line_client.h"
#include "tools/simclient/sim_client.h"

namespace tutti::test {

// While an operator's request waits for its answer, the simulated clients keep playing (a test
// that stopped them would measure its own pause, not the server). No clients: plain polling.
inline RpcLineClient::WaitLoop playing(std::vector<simclient::SimClient*>& clients) {
    if (clients.empty()) {
        return {};
    }
    return [&clients](const std::function<bool()>& done, std::chrono::milliseconds timeout) {
        return simclient::runClientsUntil(clients, done, timeout);
    };
}

}  // namespace tutti::test
