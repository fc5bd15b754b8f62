// docs/JSONRPC.md documents every method the server offers, each with a request example.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "processor_rig.h"

namespace tutti::rpc::testing {
namespace {

std::string docsText() {
    std::ifstream file(TUTTI_DOCS_JSONRPC);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

bool hasHeadingNaming(const std::string& docs, const std::string& name) {
    std::istringstream lines(docs);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("### ") && line.find("`" + name + "`") != std::string::npos) {
            return true;
        }
    }
    return false;
}

TEST(DocsCoverage, EveryMethodHasASectionAndAnExample) {
    const std::string docs = docsText();
    ASSERT_FALSE(docs.empty()) << TUTTI_DOCS_JSONRPC;
    ProcessorRig rig;
    ASSERT_GT(rig.table.all().size(), 20u);
    for (const auto& [name, handler] : rig.table.all()) {
        EXPECT_TRUE(hasHeadingNaming(docs, name)) << name;
        EXPECT_NE(docs.find(R"("method":")" + name + "\""), std::string::npos) << name;
    }
    EXPECT_TRUE(hasHeadingNaming(docs, "jamulus/apiAuth"));
}

}  // namespace
}  // namespace tutti::rpc::testing
