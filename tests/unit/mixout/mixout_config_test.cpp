#include "src/mixout/mixout_config.h"

#include <gtest/gtest.h>

namespace tutti::mixout {
namespace {

TEST(MixOutSpec, JackDefaultsToTutti) {
    std::string error;
    const auto c = parseMixOutSpec("jack", error);
    if (!jackBuilt()) {
        EXPECT_FALSE(c);
        EXPECT_NE(error.find("no JACK support"), std::string::npos);
        return;
    }
    ASSERT_TRUE(c);
    EXPECT_EQ(c->backend, MixOutConfig::Backend::Jack);
    EXPECT_EQ(c->name, "tutti");
    EXPECT_EQ(parseMixOutSpec("jack:stream", error)->name, "stream");
    EXPECT_FALSE(parseMixOutSpec("jack:a:b", error));
}

TEST(MixOutSpec, AlsaKeepsColonsInTheDevice) {
    std::string error;
    const auto c = parseMixOutSpec("alsa:plughw:1,0", error);
    if (!alsaBuilt()) {
        EXPECT_FALSE(c);
        return;
    }
    ASSERT_TRUE(c);
    EXPECT_EQ(c->backend, MixOutConfig::Backend::Alsa);
    EXPECT_EQ(c->name, "plughw:1,0");
    EXPECT_EQ(parseMixOutSpec("alsa", error)->name, "default");
}

TEST(MixOutSpec, RefusesOtherBackends) {
    std::string error;
    EXPECT_FALSE(parseMixOutSpec("pulse", error));
    EXPECT_NE(error.find("jack[:CLIENTNAME]"), std::string::npos);
    EXPECT_FALSE(parseMixOutSpec("", error));
}

}  // namespace
}  // namespace tutti::mixout
