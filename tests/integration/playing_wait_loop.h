#pragma once

#include <chrono>
#include <vector>

#include "rpc_line_client.h"
#include "tools/simclient/sim_client.h"

namespace tutti::test {

// While an operator's request waits for its answer, the simulated clients keep playing (a test
// that stopped them would measure its own pause, not the server). `clients` is read at each
// wait, so a test may add clients after making the connection; with none, plain polling.
inline RpcLineClient::WaitLoop playing(std::vector<simclient::SimClient*>& clients) {
    return [&clients](const std::function<bool()>& done, std::chrono::milliseconds timeout) {
        return clients.empty() ? RpcLineClient::pollUntil(done, timeout)
                               : simclient::runClientsUntil(clients, done, timeout);
    };
}

}  // namespace tutti::test
