#include "src/directory/directory_address.h"

#include <gtest/gtest.h>

namespace tutti::directory {
namespace {

using Kind = DirectoryAddress::Kind;

TEST(DirectoryAddress, EmptyMeansNoRegistration) {
    EXPECT_EQ(parseDirectoryAddress("").kind, Kind::None);
}

TEST(DirectoryAddress, ExactlyLocalhostOr127001MeansBeADirectory) {
    EXPECT_EQ(parseDirectoryAddress("localhost").kind, Kind::BeDirectory);
    EXPECT_EQ(parseDirectoryAddress("LocalHost").kind, Kind::BeDirectory);
    EXPECT_EQ(parseDirectoryAddress("127.0.0.1").kind, Kind::BeDirectory);
    // With a port it is a directory somewhere else, even on this machine.
    const DirectoryAddress a = parseDirectoryAddress("localhost:22124");
    EXPECT_EQ(a.kind, Kind::Register);
    EXPECT_EQ(a.host, "localhost");
    EXPECT_EQ(parseDirectoryAddress("127.0.0.1:22124").kind, Kind::Register);
}

TEST(DirectoryAddress, HostAndPort) {
    const DirectoryAddress a = parseDirectoryAddress("dir.example.org:22624");
    EXPECT_EQ(a.kind, Kind::Register);
    EXPECT_EQ(a.host, "dir.example.org");
    EXPECT_EQ(a.port, 22624);
    const DirectoryAddress b = parseDirectoryAddress("192.0.2.1");
    EXPECT_EQ(b.host, "192.0.2.1");
    EXPECT_EQ(b.port, kDefaultDirectoryPort);
}

TEST(DirectoryAddress, GenreDirectoriesGetTheirOwnPortWhenNoneIsGiven) {
    EXPECT_EQ(parseDirectoryAddress("rock.jamulus.app").port, 22424);
    EXPECT_EQ(parseDirectoryAddress("Jazz.Jamulus.App").port, 22324);
    EXPECT_EQ(parseDirectoryAddress("anygenre2.jamulus.io").port, 22224);
    EXPECT_EQ(parseDirectoryAddress("anygenre1.jamulus.app").port, 22124);
    EXPECT_EQ(parseDirectoryAddress("rock.jamulus.app:5000").port, 5000);
}

TEST(DirectoryAddress, BadPortsAndIpv6AreInvalid) {
    EXPECT_EQ(parseDirectoryAddress("localhost:99999").kind, Kind::Invalid);
    EXPECT_EQ(parseDirectoryAddress("host:").kind, Kind::Invalid);
    EXPECT_EQ(parseDirectoryAddress("host:12x").kind, Kind::Invalid);
    EXPECT_EQ(parseDirectoryAddress(":22124").kind, Kind::Invalid);
    EXPECT_EQ(parseDirectoryAddress("[2001:db8::1]:22124").kind, Kind::Invalid);
    EXPECT_EQ(parseDirectoryAddress("2001:db8::1").kind, Kind::Invalid);
}

}  // namespace
}  // namespace tutti::directory
