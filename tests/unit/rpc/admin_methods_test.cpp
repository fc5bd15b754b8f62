// The administration methods (issue 12): parameters checked, calls reaching the command layer
// with the actor "jsonrpc", results shaped as docs/JSONRPC.md shows them, refusals mapped.
#include "src/rpc/admin_methods.h"

#include <gtest/gtest.h>

#include "processor_rig.h"

namespace tutti::rpc::testing {
namespace {

struct AdminRig {
    FakeOperatorApi api;
    MethodTable table;
    RequestProcessor processor{table, kSecret};
    Session session;
    AdminRig() {
        addAdminMethods(table, api);
        session.authenticated = true;
    }
    std::string call(const std::string& method, const std::string& params = "{}") {
        return processor
            .processLine(
                R"({"id":1,"jsonrpc":"2.0","method":")" + method + R"(","params":)" + params + "}",
                session)
            .reply;
    }
};

TEST(AdminMethods, BanAddressPassesEverythingWithTheActor) {
    AdminRig rig;
    EXPECT_EQ(rig.call("tutti/banAddress",
                       R"({"address":"10.0.0.0/8","durationSeconds":60,"reason":"r"})"),
              okReply(R"("ok")"));
    EXPECT_EQ(rig.call("tutti/banAddress", R"({"address":"::1"})"), okReply(R"("ok")"));
    ASSERT_EQ(rig.api.calls.size(), 2u);
    EXPECT_EQ(rig.api.calls[0], "ban(10.0.0.0/8,60,r,jsonrpc)");
    EXPECT_EQ(rig.api.calls[1], "ban(::1,0,,jsonrpc)");
}

TEST(AdminMethods, BadParametersAreRefusedBeforeTheCommandLayer) {
    AdminRig rig;
    EXPECT_EQ(rig.call("tutti/banAddress", R"({"address":5})"),
              errorReply(-32602, "Invalid params: address is not a string"));
    EXPECT_EQ(rig.call("tutti/banAddress", R"({"address":"::1","durationSeconds":-1})"),
              errorReply(-32602, "Invalid params: durationSeconds is not a whole number >= 0"));
    EXPECT_EQ(rig.call("tutti/banAddress", R"({"address":"::1","reason":[]})"),
              errorReply(-32602, "Invalid params: reason is not a string"));
    EXPECT_EQ(rig.call("tutti/banClient", R"({"id":"x"})"),
              errorReply(-32602, "Invalid params: id is not a connected client's channel"));
    EXPECT_EQ(rig.call("tutti/setAllowlistEnabled", R"({"enabled":1})"),
              errorReply(-32602, "Invalid params: enabled is not a boolean"));
    EXPECT_EQ(rig.call("tutti/getServerLog", R"({"limit":0})"),
              errorReply(-32602, "Invalid params: limit is not a number 1..1000"));
    EXPECT_EQ(rig.call("tutti/backupDatabase", R"({"destination":""})"),
              errorReply(-32602, "Invalid params: destination is not a file name"));
    EXPECT_TRUE(rig.api.calls.empty());
}

TEST(AdminMethods, RefusalsAreMappedToErrorCodes) {
    AdminRig rig;
    rig.api.answer =
        CommandResult{CommandError::InvalidPattern, "not an IPv4/IPv6 address or CIDR block"};
    EXPECT_EQ(rig.call("tutti/banAddress", R"({"address":"x"})"),
              errorReply(-32602, "Invalid params: not an IPv4/IPv6 address or CIDR block"));
    rig.api.answer = CommandResult{CommandError::Failed, "database: disk I/O error"};
    EXPECT_EQ(rig.call("tutti/banClient", R"({"id":1})"),
              errorReply(-32000, "database: disk I/O error"));
    // A command layer without administration answers with OperatorApi's defaults, and says so.
    rig.api.answer = std::nullopt;
    EXPECT_EQ(rig.call("tutti/backupDatabase", R"({"destination":"/tmp/x"})"),
              errorReply(-32000, "not supported"));
}

TEST(AdminMethods, ListsAndLogAreShapedAsDocumented) {
    AdminRig rig;
    rig.api.banList = {{"203.0.113.0/24", "flooding", 1, "jsonrpc", 2}};
    rig.api.logEntries = {{5, "kick", "192.0.2.1", "Al", "bye", "jsonrpc"}};
    EXPECT_EQ(rig.call("tutti/getBans"),
              okReply(R"({"bans":[{"address":"203.0.113.0/24","createdAt":1,"createdBy":"jsonrpc",)"
                      R"("expiresAt":2,"reason":"flooding"}]})"));
    EXPECT_EQ(rig.call("tutti/getServerLog"),
              okReply(R"({"entries":[{"actor":"jsonrpc","address":"192.0.2.1","detail":"bye",)"
                      R"("event":"kick","name":"Al","time":5}]})"));
    EXPECT_EQ(rig.api.lastLogLimit, 100u);
    EXPECT_EQ(rig.call("tutti/setAllowlistEnabled", R"({"enabled":true})"), okReply(R"("ok")"));
    EXPECT_EQ(rig.api.calls.back(), "setAllowlistEnabled(true,jsonrpc)");
}

}  // namespace
}  // namespace tutti::rpc::testing
