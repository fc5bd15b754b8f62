// The desktop window's operations of the command layer (issue 11): location, delay panning and
// the directory file reach their ports, with the same limits as the command line.
#include <gtest/gtest.h>

#include "fake_server.h"
#include "src/control/command_layer.h"

namespace tutti::control::test {
namespace {

// The fake server, plus the desktop parts of the directory and engine ports.
struct DesktopFakeServer : FakeServer {
    bool delayPan = false;
    std::string persistence;
    void setServerLocation(const std::string& c, int id) override {
        city = c;
        country = id;
    }
    std::string directoryFile() const override { return persistence; }
    std::string setDirectoryFile(const std::string& path) override {
        if (path.rfind("/nonexistent/", 0) == 0) {
            return "Could not open " + path;
        }
        persistence = path;
        return {};
    }
    bool delayPanning() const override { return delayPan; }
    void setDelayPanning(bool on) override { delayPan = on; }
};

class CommandLayerDesktopTest : public ::testing::Test {
  protected:
    DesktopFakeServer fake;
    CommandLayer layer{fake.ports(), DirectoryType::None, ""};
};

TEST_F(CommandLayerDesktopTest, LocationReachesTheDirectoryCutLikeDashO) {
    layer.setServerLocation("Paris", 74);
    EXPECT_EQ(layer.serverProfile().city, "Paris");
    EXPECT_EQ(layer.serverProfile().countryId, 74);
    layer.setServerLocation("A city with a very long name indeed", 82);
    EXPECT_EQ(fake.city, "A city with a very l");
    EXPECT_EQ(fake.country, 82);
}

TEST_F(CommandLayerDesktopTest, LocationIsKeptInTheConfigurationDatabase) {
    layer.setServerLocation("Paris", 74);
    const std::map<std::string, std::string> settings = layer.administration().settings();
    EXPECT_EQ(settings.at("server_city"), "Paris");
    EXPECT_EQ(settings.at("server_country"), "74");
}

TEST_F(CommandLayerDesktopTest, UnknownCountryKeepsTheCurrentOne) {
    layer.setServerLocation("Oslo", 999);
    EXPECT_EQ(fake.city, "Oslo");
    EXPECT_EQ(fake.country, 82);
    layer.setServerLocation("Oslo", -1);
    EXPECT_EQ(fake.country, 82);
}

TEST_F(CommandLayerDesktopTest, DelayPanningFollowsTheEngine) {
    EXPECT_FALSE(layer.delayPanning());
    layer.setDelayPanning(true);
    EXPECT_TRUE(fake.delayPan);
    EXPECT_TRUE(layer.delayPanning());
    layer.setDelayPanning(false);
    EXPECT_FALSE(layer.delayPanning());
}

TEST_F(CommandLayerDesktopTest, DirectoryFileIsCheckedAndRefusalsSayWhy) {
    EXPECT_TRUE(layer.setDirectoryFile("/tmp/list.txt").ok());
    EXPECT_EQ(layer.directoryFile(), "/tmp/list.txt");
    const CommandResult r = layer.setDirectoryFile("/nonexistent/list.txt");
    EXPECT_EQ(r.error, CommandError::Failed);
    EXPECT_EQ(r.message, "Could not open /nonexistent/list.txt");
    EXPECT_EQ(layer.directoryFile(), "/tmp/list.txt");
    EXPECT_TRUE(layer.setDirectoryFile("").ok());
    EXPECT_EQ(layer.directoryFile(), "");
}

}  // namespace
}  // namespace tutti::control::test
