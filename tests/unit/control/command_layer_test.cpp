#include "src/control/command_layer.h"

#include <gtest/gtest.h>

#include "fake_server.h"

namespace tutti::control {
namespace {

using test::EventLog;
using test::FakeServer;

struct CommandLayerTest : testing::Test {
    FakeServer fake;
    CommandLayer layer{fake.ports(), DirectoryType::None, ""};
};

TEST_F(CommandLayerTest, ClientsComeFromTheServerWithAllTheirDetails) {
    ClientInfo alice = test::client(0, "Alice");
    alice.instrumentCode = 5;
    alice.countryCode = 82;
    alice.countryName = "Germany";
    alice.city = "K\xC3\xB6ln";
    alice.skillLevelCode = 2;
    alice.channels = 2;
    alice.jitterBufferSize = 4;
    alice.level = 7;
    fake.connected = {alice, test::client(3, "Bob")};
    const std::vector<ClientInfo> got = layer.clients();
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].name, "Alice");
    EXPECT_EQ(got[0].countryName, "Germany");
    EXPECT_EQ(got[0].channels, 2);
    EXPECT_EQ(got[0].jitterBufferSize, 4);
    EXPECT_EQ(got[0].level, 7);
    EXPECT_EQ(got[1].id, 3);
}

TEST_F(CommandLayerTest, ProfileGathersNameWelcomeDirectoryAndStatus) {
    fake.statusKey = "registered";
    const ServerProfile p = layer.serverProfile();
    EXPECT_EQ(p.name, "Srv");
    EXPECT_EQ(p.city, "Town");
    EXPECT_EQ(p.countryId, 82);
    EXPECT_EQ(p.welcomeMessage, "hello");
    EXPECT_EQ(p.directoryType, DirectoryType::None);
    EXPECT_EQ(p.directory, "");
    EXPECT_EQ(p.directoryAddress, "");
    EXPECT_EQ(p.registrationStatus, "registered");
}

TEST_F(CommandLayerTest, ServerNameIsCutToTwentyCharacters) {
    layer.setServerName("A name that is much longer than twenty");
    EXPECT_EQ(fake.name, "A name that is much ");
    // Characters as Jamulus counts them: 19 ASCII and an umlaut fit, the next one does not.
    layer.setServerName(std::string(19, 'x') + "\xC3\xA4\xC3\xB6");
    EXPECT_EQ(fake.name, std::string(19, 'x') + "\xC3\xA4");
    layer.setServerName("");
    EXPECT_EQ(fake.name, "");
}

TEST_F(CommandLayerTest, WelcomeMessageIsCutTo1600Characters) {
    layer.setWelcomeMessage(std::string(2000, 'w'));
    EXPECT_EQ(fake.welcome.size(), 1600u);
    layer.setWelcomeMessage("");
    EXPECT_EQ(fake.welcome, "");
    EXPECT_EQ(layer.serverProfile().welcomeMessage, "");
}

TEST_F(CommandLayerTest, StartsWithTheCustomDirectoryOfDashE) {
    CommandLayer withE(fake.ports(), DirectoryType::Custom, "localhost");
    const ServerProfile p = withE.serverProfile();
    EXPECT_EQ(p.directoryType, DirectoryType::Custom);
    EXPECT_EQ(p.directory, "localhost");
    EXPECT_EQ(p.directoryAddress, "localhost");
}

TEST_F(CommandLayerTest, GenreDirectoriesUseTheirBuiltInAddresses) {
    const std::vector<std::pair<DirectoryType, std::string>> cases = {
        {DirectoryType::AnyGenre1, "anygenre1.jamulus.app:22124"},
        {DirectoryType::AnyGenre2, "anygenre2.jamulus.app:22224"},
        {DirectoryType::AnyGenreAsia, "asia.jamulus.app:22624"},
        {DirectoryType::GenreRock, "rock.jamulus.app:22424"},
        {DirectoryType::GenreJazz, "jazz.jamulus.app:22324"},
        {DirectoryType::GenreClassicalFolk, "classical.jamulus.app:22524"},
        {DirectoryType::GenreChoralBarbershop, "choral.jamulus.app:22724"},
    };
    for (const auto& [type, address] : cases) {
        EXPECT_EQ(layer.setDirectory(type, ""), CommandError::None);
        EXPECT_EQ(fake.directoryAddresses.back(), address);
        const ServerProfile p = layer.serverProfile();
        EXPECT_EQ(p.directoryType, type);
        EXPECT_EQ(p.directory, address);
        EXPECT_EQ(p.directoryAddress, "");
    }
}

TEST_F(CommandLayerTest, CustomDirectoryNeedsAnAddress) {
    EXPECT_EQ(layer.setDirectory(DirectoryType::Custom, ""), CommandError::InvalidAddress);
    EXPECT_TRUE(fake.directoryAddresses.empty());
    EXPECT_EQ(layer.serverProfile().directoryType, DirectoryType::None);

    EXPECT_EQ(layer.setDirectory(DirectoryType::Custom, "dir.example.org:22500"),
              CommandError::None);
    EXPECT_EQ(fake.directoryAddresses, std::vector<std::string>{"dir.example.org:22500"});
    EXPECT_EQ(layer.serverProfile().directory, "dir.example.org:22500");
}

TEST_F(CommandLayerTest, TheStoredAddressFollowsEveryCallAndNoneUnregisters) {
    ASSERT_EQ(layer.setDirectory(DirectoryType::Custom, "localhost"), CommandError::None);
    // A genre with an address keeps the address stored but uses the genre's own directory.
    ASSERT_EQ(layer.setDirectory(DirectoryType::GenreJazz, "x.example:1"), CommandError::None);
    ServerProfile p = layer.serverProfile();
    EXPECT_EQ(p.directory, "jazz.jamulus.app:22324");
    EXPECT_EQ(p.directoryAddress, "x.example:1");
    ASSERT_EQ(layer.setDirectory(DirectoryType::None, ""), CommandError::None);
    p = layer.serverProfile();
    EXPECT_EQ(p.directory, "");
    EXPECT_EQ(p.directoryAddress, "");
    EXPECT_EQ(fake.directoryAddresses,
              (std::vector<std::string>{"localhost", "jazz.jamulus.app:22324", ""}));
}

TEST_F(CommandLayerTest, RecordingCommandsMapOntoTheRecorder) {
    layer.startRecording();
    layer.stopRecording();
    layer.toggleRecording();
    layer.restartRecording();
    layer.setRecordingDirectory("/srv/rec");
    layer.setRecordingDirectory("");
    EXPECT_EQ(fake.recorderCalls, (std::vector<std::string>{"enable", "disable", "toggle",
                                                            "newSession", "dir:/srv/rec", "dir:"}));
    fake.recorder.initialised = true;
    fake.recorder.enabled = true;
    fake.recorder.recording = true;
    fake.recorder.errorMessage = "old problem";
    fake.recorder.recordingDirectory = "rec";
    fake.recorder.sessionDirectory = "/abs/rec/Jam-1";
    const RecorderStatus s = layer.recorderStatus();
    EXPECT_TRUE(s.initialised && s.enabled && s.recording);
    EXPECT_EQ(s.errorMessage, "old problem");
    EXPECT_EQ(s.recordingDirectory, "rec");
    EXPECT_EQ(s.sessionDirectory, "/abs/rec/Jam-1");
}

TEST_F(CommandLayerTest, BroadcastChatGoesOutAsIsAndIsAnnouncedWithIdMinusOne) {
    EventLog events;
    layer.subscribe(&events);
    EXPECT_EQ(layer.broadcastChat("Server <i>says</i> hi"), CommandError::None);
    EXPECT_EQ(fake.broadcasts, std::vector<std::string>{"Server <i>says</i> hi"});
    EXPECT_EQ(events.lines, std::vector<std::string>{"chat -1 Server <i>says</i> hi"});

    EXPECT_EQ(layer.broadcastChat(std::string(1601, 'x')), CommandError::InvalidText);
    EXPECT_EQ(fake.broadcasts.size(), 1u);
    EXPECT_EQ(events.lines.size(), 1u);
    EXPECT_EQ(layer.broadcastChat(std::string(1600, 'x')), CommandError::None);
    layer.unsubscribe(&events);
}

TEST_F(CommandLayerTest, PrivateChatChecksTextThenChannel) {
    fake.connected = {test::client(2, "Bob")};
    EXPECT_EQ(layer.privateChat(2, ""), CommandError::InvalidText);
    EXPECT_EQ(layer.privateChat(2, std::string(1601, 'x')), CommandError::InvalidText);
    EXPECT_EQ(layer.privateChat(9, std::string(1601, 'x')), CommandError::InvalidText);
    EXPECT_EQ(layer.privateChat(0, "hi"), CommandError::InvalidChannel);
    EXPECT_EQ(layer.privateChat(-1, "hi"), CommandError::InvalidChannel);
    EXPECT_TRUE(fake.privateChats.empty());
    EXPECT_EQ(layer.privateChat(2, std::string(1600, 'y')), CommandError::None);
    EXPECT_EQ(layer.privateChat(2, "x"), CommandError::None);
    ASSERT_EQ(fake.privateChats.size(), 2u);
    EXPECT_EQ(fake.privateChats[1], (std::pair<int, std::string>{2, "x"}));
    EXPECT_TRUE(fake.broadcasts.empty());
}

TEST_F(CommandLayerTest, KickNeedsAConnectedChannelAndPassesTheReason) {
    fake.connected = {test::client(1, "Carol")};
    EXPECT_EQ(layer.kick(4, "", "test"), CommandError::InvalidChannel);
    EXPECT_EQ(layer.kick(1, std::string(1601, 'r'), "test"), CommandError::InvalidText);
    EXPECT_EQ(layer.kick(1, "Please mute your mic", "test"), CommandError::None);
    EXPECT_EQ(layer.kick(1, "", "test"), CommandError::None);
    EXPECT_EQ(fake.kicks,
              (std::vector<std::pair<int, std::string>>{{1, "Please mute your mic"}, {1, ""}}));
}

TEST_F(CommandLayerTest, StatisticsAndLevelsComeFromTheEngine) {
    fake.stats.ticks = 1000;
    fake.stats.lateTicks = 3;
    ClientStatistics c;
    c.id = 2;
    c.packetsReceived = 990;
    c.packetsLost = 10;
    fake.stats.clients = {c};
    fake.channelLevels = {{0, 3}, {2, 9}};
    const EngineStatistics s = layer.engineStatistics();
    EXPECT_EQ(s.ticks, 1000u);
    EXPECT_EQ(s.lateTicks, 3u);
    ASSERT_EQ(s.clients.size(), 1u);
    EXPECT_EQ(s.clients[0].packetsLost, 10u);
    const std::vector<ChannelLevel> levels = layer.levels();
    ASSERT_EQ(levels.size(), 2u);
    EXPECT_EQ(levels[1].id, 2);
    EXPECT_EQ(levels[1].level, 9);
}

TEST_F(CommandLayerTest, ServerEventsReachEverySubscriber) {
    EventLog a;
    EventLog b;
    layer.subscribe(&a);
    layer.subscribe(&b);
    layer.subscribe(&b);  // twice is once
    OperatorEvents& sink = layer.events();
    sink.clientConnected(0, "127.0.0.1", 1);
    sink.clientProfileChanged(0);
    sink.chatMessage(0, "<font color=\"red\">(1:00:00 PM) <b>A</b></font> hi");
    sink.registrationStatusChanged("registered");
    RecorderStatus on;
    on.initialised = on.enabled = true;
    sink.recordingStateChanged(on);
    sink.clientDisconnected(0);
    const std::vector<std::string> expected = {
        "connected 0 127.0.0.1 1",
        "profile 0",
        "chat 0 <font color=\"red\">(1:00:00 PM) <b>A</b></font> hi",
        "registration registered",
        "recording on",
        "disconnected 0"};
    EXPECT_EQ(a.lines, expected);
    EXPECT_EQ(b.lines, expected);

    layer.unsubscribe(&a);
    sink.clientConnected(1, "::1", 1);
    EXPECT_EQ(a.lines.size(), expected.size());
    EXPECT_EQ(b.lines.back(), "connected 1 ::1 1");
    layer.unsubscribe(&b);
    layer.unsubscribe(&b);  // harmless
}

}  // namespace
}  // namespace tutti::control
