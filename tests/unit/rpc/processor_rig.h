// The request processor with every method registered over a fake command layer, as one
// connection sees it.
#pragma once

#include <string>

#include "rpc_test_data.h"
#include "src/rpc/jamulus_methods.h"
#include "src/rpc/mixout_methods.h"
#include "src/rpc/request_processor.h"
#include "src/rpc/tutti_methods.h"

namespace tutti::rpc::testing {

struct ProcessorRig {
    FakeOperatorApi api;
    MethodTable table;
    RequestProcessor processor{table, kSecret};
    Session session;

    ProcessorRig() {
        addJamulusMethods(table, api, "3.11.0-tutti-test");
        addTuttiMethods(table, api);
        addMixOutMethods(table, api);
    }
    LineResult line(const std::string& text) { return processor.processLine(text, session); }
    std::string reply(const std::string& text) { return line(text).reply; }
    // A request with id 1 and the given method and params; returns the reply.
    std::string call(const std::string& method, const std::string& params = "{}") {
        return reply(R"({"id":1,"jsonrpc":"2.0","method":")" + method + R"(","params":)" + params +
                     "}");
    }
    void authenticate() {
        line(std::string(
                 R"({"id":0,"jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":")") +
             kSecret + R"("}})");
    }
};

inline std::string okReply(const std::string& resultJson) {
    return R"({"id":1,"jsonrpc":"2.0","result":)" + resultJson + "}";
}
inline std::string errorReply(int code, const std::string& message) {
    return R"({"error":{"code":)" + std::to_string(code) + R"(,"message":")" + message +
           R"("},"id":1,"jsonrpc":"2.0"})";
}

}  // namespace tutti::rpc::testing
