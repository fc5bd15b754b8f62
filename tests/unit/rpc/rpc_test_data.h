// What the JSON-RPC tests share besides the fake command layer: the secret they authenticate
// with and the two clients of JSONRPC.md's examples.
#pragma once

#include <vector>

#include "src/control/operator_api.h"
#include "tests/unit/control/fake_operator_api.h"

namespace tutti::rpc::testing {

// The command layer's types read unqualified in these tests, as in the methods under test.
using namespace tutti::control;
using control::testing::FakeOperatorApi;

// Two clients as in JSONRPC.md's observed newest example.
inline std::vector<ClientInfo> twoClients() {
    ClientInfo alice;
    alice.id = 0;
    alice.address = "127.0.0.1:22783";
    alice.ip = "127.0.0.1";
    alice.name = "Alice Ä.";
    alice.instrumentCode = 1;
    alice.city = "Köln";
    alice.countryCode = 82;
    alice.countryName = "Germany";
    alice.skillLevelCode = 2;
    alice.channels = 1;
    alice.jitterBufferSize = 4;
    alice.level = 5;
    alice.connectedSeconds = 12;
    ClientInfo carol;
    carol.id = 1;
    carol.address = "127.0.0.1:22784";
    carol.ip = "127.0.0.1";
    carol.name = "Carol/Ünïcode na";
    carol.instrumentCode = 5;
    carol.city = "Austin";
    carol.countryCode = 225;
    carol.countryName = "United States";
    carol.skillLevelCode = 3;
    carol.channels = 1;
    carol.jitterBufferSize = 8;
    carol.level = 0;
    carol.connectedSeconds = 3;
    return {alice, carol};
}

constexpr const char* kSecret = "0123456789abcdefXYZ";

}  // namespace tutti::rpc::testing
