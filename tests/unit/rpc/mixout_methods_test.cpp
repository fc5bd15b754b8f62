// tutti/getMixOutStatus (issue 14).
#include <gtest/gtest.h>

#include "processor_rig.h"

namespace tutti::rpc::testing {
namespace {

struct MixOutRig {
    FakeOperatorApi api;
    MethodTable table;
    RequestProcessor processor{table, kSecret};
    Session session;

    MixOutRig() {
        addMixOutMethods(table, api);
        addJamulusMethods(table, api, "3.11.0-tutti-test");  // for apiAuth
        processor.processLine(
            std::string(
                R"({"id":0,"jsonrpc":"2.0","method":"jamulus/apiAuth","params":{"secret":")") +
                kSecret + R"("}})",
            session);
    }
    std::string status() {
        return processor
            .processLine(R"({"id":1,"jsonrpc":"2.0","method":"tutti/getMixOutStatus","params":{}})",
                         session)
            .reply;
    }
};

TEST(MixOutMethods, NotConfigured) {
    MixOutRig rig;
    EXPECT_EQ(
        rig.status(),
        okReply(
            R"({"backend":"","configured":false,"device":"","driftCorrections":0,"error":"","input":null,"overruns":0,"running":false,"underruns":0})"));
}

TEST(MixOutMethods, RetryingJack) {
    MixOutRig rig;
    rig.api.mixOut = {true, false, "jack", "tutti", "the JACK server stopped; retrying", 12, 3, 40};
    EXPECT_EQ(
        rig.status(),
        okReply(
            R"({"backend":"jack","configured":true,"device":"tutti","driftCorrections":40,"error":"the JACK server stopped; retrying","input":null,"overruns":12,"running":false,"underruns":3})"));
}

TEST(MixOutMethods, JackInputCountersBesideTheOutputs) {
    MixOutRig rig;
    rig.api.mixOut = {true, true, "jack", "tutti", "", 0, 1, 2};
    rig.api.mixOut.input = true;
    rig.api.mixOut.inputOverruns = 7;
    rig.api.mixOut.inputUnderruns = 8;
    rig.api.mixOut.inputDriftCorrections = 9;
    EXPECT_EQ(
        rig.status(),
        okReply(
            R"({"backend":"jack","configured":true,"device":"tutti","driftCorrections":2,"error":"","input":{"driftCorrections":9,"overruns":7,"underruns":8},"overruns":0,"running":true,"underruns":1})"));
}

TEST(MixOutMethods, NeedsAuthentication) {
    FakeOperatorApi api;
    MethodTable table;
    addMixOutMethods(table, api);
    RequestProcessor processor{table, kSecret};
    Session session;
    const std::string reply =
        processor
            .processLine(R"({"id":1,"jsonrpc":"2.0","method":"tutti/getMixOutStatus","params":{}})",
                         session)
            .reply;
    EXPECT_NE(reply.find("Unauthenticated"), std::string::npos) << reply;
}

}  // namespace
}  // namespace tutti::rpc::testing
