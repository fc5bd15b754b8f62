#include "src/mixout/mixout_module_loader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "src/mixout/mixout_tap.h"

namespace tutti::mixout {
namespace {

using Backend = MixOutConfig::Backend;

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

TEST(MixOutModuleLoader, NamesTheModuleFiles) {
    EXPECT_EQ(mixOutModuleFile(Backend::Jack), "tutti-mixout-jack.so");
    EXPECT_EQ(mixOutModuleFile(Backend::Alsa), "tutti-mixout-alsa.so");
}

TEST(MixOutModuleLoader, MissingModuleSaysWhatToInstall) {
    // The hint depends on TUTTI_MIXOUT_MODULE_DIR (which other tests here set): both ways.
    const char* set = std::getenv("TUTTI_MIXOUT_MODULE_DIR");
    const std::string saved = set != nullptr ? set : "";
    unsetenv("TUTTI_MIXOUT_MODULE_DIR");
    std::string error;
    EXPECT_EQ(loadMixOutModuleFrom("/nonexistent/tutti", Backend::Alsa, error), nullptr);
    EXPECT_TRUE(contains(error, "no tutti-mixout-alsa.so in /nonexistent/tutti")) << error;
    // This test binary is not the build tree's server: the hint is the package.
    EXPECT_TRUE(contains(error, "install the tutti-server-mixout package")) << error;

    setenv("TUTTI_MIXOUT_MODULE_DIR", "/nonexistent/tutti", 1);
    EXPECT_EQ(loadMixOutModuleFrom("/nonexistent/tutti", Backend::Jack, error), nullptr);
    EXPECT_TRUE(contains(error, "TUTTI_MIXOUT_MODULE_DIR is set")) << error;
    if (set != nullptr) {
        setenv("TUTTI_MIXOUT_MODULE_DIR", saved.c_str(), 1);
    } else {
        unsetenv("TUTTI_MIXOUT_MODULE_DIR");
    }
}

TEST(MixOutModuleLoader, RefusesAModuleOfAnotherAbi) {
    std::string error;
    EXPECT_EQ(loadMixOutModuleFrom(TUTTI_TEST_FAKE_DIR "/badabi", Backend::Jack, error), nullptr);
    EXPECT_TRUE(contains(error, "does not match this server")) << error;
    EXPECT_TRUE(contains(error, "module ABI " + std::to_string(kMixOutModuleAbi + 1))) << error;
}

TEST(MixOutModuleLoader, RefusesALibraryWithoutTheEntryPoint) {
    std::string error;
    EXPECT_EQ(loadMixOutModuleFrom(TUTTI_TEST_FAKE_DIR "/noentry", Backend::Jack, error), nullptr);
    EXPECT_TRUE(contains(error, "is not a Tutti mix out module")) << error;
}

#ifdef TUTTI_TEST_BUILT_ALSA
// The real ALSA module creates a device that reports, without a device configured, why it is
// not playing; destroying it through the server's pointer runs the module's destructor.
TEST(MixOutModuleLoader, AlsaModuleCreatesADevice) {
    std::string error;
    const TuttiMixOutModule* m = loadMixOutModuleFrom(TUTTI_TEST_MODULE_DIR, Backend::Alsa, error);
    ASSERT_NE(m, nullptr) << error;
    MixOutTap tap(1024, 0);
    const std::string name = "tutti_no_such_device";
    const std::string inputName;
    const MixOutDeviceArgs args{&tap, &name, 128, nullptr, &inputName};
    std::unique_ptr<MixOutDevice> device(m->create(&args, &error));
    ASSERT_TRUE(device) << error;
    EXPECT_FALSE(device->running());
    device->stop();
}
#endif

#ifdef TUTTI_TEST_BUILT_JACK
TEST(MixOutModuleLoader, JackModuleLoads) {
    std::string error;
    const TuttiMixOutModule* m = loadMixOutModuleFrom(TUTTI_TEST_MODULE_DIR, Backend::Jack, error);
    ASSERT_NE(m, nullptr) << error;
    EXPECT_STREQ(m->backend, "jack");
}
#endif

}  // namespace
}  // namespace tutti::mixout
