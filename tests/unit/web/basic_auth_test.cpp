#include "src/web/basic_auth.h"

#include <gtest/gtest.h>

#include "src/directory/base64.h"

namespace tutti::web {
namespace {

std::string basic(const std::string& userPass) {
    return "Basic " + directory::base64Encode(userPass);
}

TEST(BasicAuth, VariableForms) {
    std::string error;
    EXPECT_FALSE(credentialsFromVariable(nullptr, error).has_value());
    EXPECT_FALSE(credentialsFromVariable("", error).has_value());
    EXPECT_TRUE(error.empty());

    const auto bare = credentialsFromVariable("s3cret:with:colons", error);
    ASSERT_TRUE(bare.has_value());
    EXPECT_EQ(bare->user, "s3cret");
    EXPECT_EQ(bare->password, "with:colons");

    const auto onlyPassword = credentialsFromVariable("hunter2", error);
    ASSERT_TRUE(onlyPassword.has_value());
    EXPECT_EQ(onlyPassword->user, "admin");
    EXPECT_EQ(onlyPassword->password, "hunter2");

    for (const char* bad : {":nopassuser", "user:"}) {
        std::string why;
        EXPECT_FALSE(credentialsFromVariable(bad, why).has_value()) << bad;
        EXPECT_NE(why.find("TUTTI_WEB_ADMIN_PASSWORD"), std::string::npos);
    }
}

TEST(BasicAuth, AcceptsOnlyTheRightPair) {
    const Credentials c{"ops", "pa:ss"};
    EXPECT_EQ(checkBasicAuth(basic("ops:pa:ss"), c), std::optional<std::string>("ops"));
    EXPECT_EQ(checkBasicAuth("basic  " + directory::base64Encode("ops:pa:ss"), c),
              std::optional<std::string>("ops"));  // the scheme is case-insensitive
    EXPECT_FALSE(checkBasicAuth(basic("ops:pa:sx"), c));
    EXPECT_FALSE(checkBasicAuth(basic("ops:pa:ss "), c));
    EXPECT_FALSE(checkBasicAuth(basic("ops:pa"), c));
    EXPECT_FALSE(checkBasicAuth(basic("Ops:pa:ss"), c));
    EXPECT_FALSE(checkBasicAuth(basic("opspa:ss"), c));
    EXPECT_FALSE(checkBasicAuth(basic(""), c));
    EXPECT_FALSE(checkBasicAuth("", c));
    EXPECT_FALSE(checkBasicAuth("Basic", c));
    EXPECT_FALSE(checkBasicAuth("Basic !!!notbase64", c));
    EXPECT_FALSE(checkBasicAuth("Bearer " + directory::base64Encode("ops:pa:ss"), c));
    EXPECT_FALSE(checkBasicAuth("Basicb3BzOnBhOnNz", c));
}

}  // namespace
}  // namespace tutti::web
