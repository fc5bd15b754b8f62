#include "src/mixout/mixout_config.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace tutti::mixout {
namespace {

// parseMixOutSpec loads the back end's module: from this build's modules, unless the caller
// points elsewhere. Set before any test runs (the loader remembers its first answer).
const bool kModuleDirSet = setenv("TUTTI_MIXOUT_MODULE_DIR", TUTTI_TEST_MODULE_DIR, 0) == 0;

TEST(MixOutSpec, JackDefaultsToTutti) {
    ASSERT_TRUE(kModuleDirSet);
    std::string error;
    const auto c = parseMixOutSpec("jack", error);
#ifndef TUTTI_TEST_BUILT_JACK
    EXPECT_FALSE(c);
    EXPECT_NE(error.find("no tutti-mixout-jack.so"), std::string::npos) << error;
    return;
#endif
    ASSERT_TRUE(c) << error;
    EXPECT_TRUE(backendAvailable(MixOutConfig::Backend::Jack));
    EXPECT_EQ(c->backend, MixOutConfig::Backend::Jack);
    EXPECT_EQ(c->name, "tutti");
    EXPECT_EQ(parseMixOutSpec("jack:stream", error)->name, "stream");
    EXPECT_FALSE(parseMixOutSpec("jack:a:b", error));
}

TEST(MixOutSpec, AlsaKeepsColonsInTheDevice) {
    std::string error;
    const auto c = parseMixOutSpec("alsa:plughw:1,0", error);
#ifndef TUTTI_TEST_BUILT_ALSA
    EXPECT_FALSE(c);
    EXPECT_NE(error.find("no tutti-mixout-alsa.so"), std::string::npos) << error;
    return;
#endif
    ASSERT_TRUE(c) << error;
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
