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
    return {
        ClientInfo{.id = 0,
                   .address = "127.0.0.1:22783",
                   .ip = "127.0.0.1",
                   .name = "Alice Ä.",
                   .instrumentCode = 1,
                   .city = "Köln",
                   .countryCode = 82,
                   .countryName = "Germany",
                   .skillLevelCode = 2,
                   .channels = 1,
                   .jitterBufferSize = 4,
                   .level = 5,
                   .connectedSeconds = 12},
        ClientInfo{.id = 1,
                   .address = "127.0.0.1:22784",
                   .ip = "127.0.0.1",
                   .name = "Carol/Ünïcode na",
                   .instrumentCode = 5,
                   .city = "Austin",
                   .countryCode = 225,
                   .countryName = "United States",
                   .skillLevelCode = 3,
                   .channels = 1,
                   .jitterBufferSize = 8,
                   .level = 0,
                   .connectedSeconds = 3},
    };
}

constexpr const char* kSecret = "0123456789abcdefXYZ";

}  // namespace tutti::rpc::testing
