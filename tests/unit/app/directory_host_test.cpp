// The directory role changed at run time, as the command layer's setDirectory does it.
#include "src/app/directory_host.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tutti::app {
namespace {

struct DirectoryHostTest : testing::Test {
    std::vector<std::string> log;
    std::vector<directory::RegistrationStatus> statuses;
    std::vector<std::vector<uint8_t>> sent;

    std::unique_ptr<DirectoryHost> make(const std::string& address) {
        directory::DirectoryOptions o;
        o.directoryAddress = address;
        o.serverInfo = "Start Name;Town;de";
        o.serverPort = 22999;
        o.version = "3.11.0-tutti";
        auto host = std::make_unique<DirectoryHost>(
            o,
            [this](const net::PeerAddress&, std::span<const uint8_t> d) {
                sent.emplace_back(d.begin(), d.end());
            },
            [this](const std::string& line) { log.push_back(line); });
        host->setStatusListener([this](directory::RegistrationStatus s) { statuses.push_back(s); });
        return host;
    }
    bool logged(const std::string& line) const {
        return std::find(log.begin(), log.end(), line) != log.end();
    }
};

TEST_F(DirectoryHostTest, WithoutDirectoryTheIdentityOfDashOIsStillKnown) {
    auto host = make("");
    host->prepare();
    host->start();
    EXPECT_EQ(host->identity().name, "Start Name");
    EXPECT_EQ(host->identity().city, "Town");
    EXPECT_EQ(host->status(), directory::RegistrationStatus::NotRegistered);
    EXPECT_TRUE(statuses.empty());
    host->setServerName("New Name");
    EXPECT_EQ(host->identity().name, "New Name");
}

TEST_F(DirectoryHostTest, BecomingAndLeavingADirectoryAtRunTime) {
    auto host = make("");
    host->prepare();
    host->start();
    host->setDirectoryAddress("localhost");
    EXPECT_TRUE(logged("Now a directory"));
    EXPECT_EQ(host->status(), directory::RegistrationStatus::Registered);
    ASSERT_EQ(statuses.size(), 1u);
    EXPECT_EQ(statuses[0], directory::RegistrationStatus::Registered);
    EXPECT_EQ(host->directoryAddress(), "localhost");

    host->setServerName("Renamed");  // kept across a change of role
    host->setDirectoryAddress("");
    EXPECT_TRUE(logged("No longer a directory"));
    EXPECT_EQ(host->status(), directory::RegistrationStatus::NotRegistered);
    ASSERT_EQ(statuses.size(), 2u);
    EXPECT_EQ(statuses[1], directory::RegistrationStatus::NotRegistered);
    EXPECT_EQ(host->identity().name, "Renamed");
}

TEST_F(DirectoryHostTest, BeforeStartNothingIsAnnounced) {
    auto host = make("localhost");
    host->prepare();
    EXPECT_FALSE(logged("Now a directory"));
    host->start();
    EXPECT_TRUE(logged("Now a directory"));
    host->onShutdown();
}

}  // namespace
}  // namespace tutti::app
