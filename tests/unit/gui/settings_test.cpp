// The settings file: upstream's format both ways, the import of Jamulusserver.ini, and the merge
// with the command line (options given win).
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "src/app/options.h"
#include "src/gui/desktop_settings.h"
#include "src/gui/settings_merge.h"
#include "tests/unit/control/fake_operator_api.h"

namespace tutti::gui::test {
namespace {

using control::testing::FakeOperatorApi;

void writeText(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// Written by the 3.9.1 GUI server (OPERATIONS.md 7.2).
const QByteArray kUpstreamFile =
    "<server>\n"
    " <winposmain_base64></winposmain_base64>\n"
    " <directorytype>7</directorytype>\n"
    " <name>GUI Srv</name>\n"
    " <city>GCity</city>\n"
    " <country>74</country>\n"
    " <norecord>0</norecord>\n"
    " <welcome>SGkgR1VJ</welcome>\n"
    " <language>en</language>\n"
    " <recordingdir_base64>L3Nydi9qYW11bHVzL3JlY2c=</recordingdir_base64>\n"
    " <directoryaddress>localhost</directoryaddress>\n"
    " <directoryfile_base64>L3Nydi9qYW11bHVzL2dkaXIudHh0</directoryfile_base64>\n"
    " <autostartmin>0</autostartmin>\n"
    " <delaypan>1</delaypan>\n"
    "</server>\n";

app::ServerOptions parse(std::vector<std::string> args) {
    args.insert(args.begin(), "tutti-server-gui");
    app::ParseResult r = app::parseCommandLine(args, "test");
    EXPECT_TRUE(r.options.has_value()) << r.errorLine;
    return r.options.value_or(app::ServerOptions{});
}

TEST(DesktopSettings, ReadsUpstreamFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath("Jamulusserver.ini");
    writeText(path, kUpstreamFile);
    const auto s = readSettingsFile(path);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->directoryType, 7);
    EXPECT_EQ(s->name, "GUI Srv");
    EXPECT_EQ(s->city, "GCity");
    EXPECT_EQ(s->country, 74);
    EXPECT_FALSE(s->noRecord);
    EXPECT_EQ(s->welcome, "Hi GUI");
    EXPECT_EQ(s->recordingDir, "/srv/jamulus/recg");
    EXPECT_EQ(s->directoryAddress, "localhost");
    EXPECT_EQ(s->directoryFile, "/srv/jamulus/gdir.txt");
    EXPECT_TRUE(s->delayPan);
    EXPECT_FALSE(s->startMinimized);
}

TEST(DesktopSettings, WritesUpstreamLayoutAndSurvivesARestart) {
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/Tuttiserver.ini");
    DesktopSettings s;
    s.windowGeometry = QByteArray("\x01\x02geometry", 10);
    s.directoryType = 4;
    s.name = "Jam Säle";
    s.city = "Köln";
    s.country = 82;
    s.noRecord = true;
    s.welcome = "Hi <b>all</b> & \"you\"";
    s.recordingDir = "/tmp/rec dir";
    s.directoryAddress = "dir.example.org:22124";
    s.directoryFile = "/tmp/list.txt";
    s.startMinimized = true;
    s.delayPan = true;
    QString error;
    ASSERT_TRUE(writeSettingsFile(path, s, &error)) << error.toStdString();

    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    EXPECT_TRUE(text.startsWith("<server>\n <winposmain_base64>")) << text.toStdString();
    EXPECT_TRUE(text.contains("\n <welcome>SGkgPGI+YWxsPC9iPiAmICJ5b3Ui</welcome>\n"));
    EXPECT_TRUE(text.endsWith("</server>\n"));

    const auto back = readSettingsFile(path);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->windowGeometry, s.windowGeometry);
    EXPECT_EQ(back->directoryType, 4);
    EXPECT_EQ(back->name, s.name);
    EXPECT_EQ(back->city, s.city);
    EXPECT_EQ(back->country, 82);
    EXPECT_TRUE(back->noRecord);
    EXPECT_EQ(back->welcome, s.welcome);
    EXPECT_EQ(back->recordingDir, s.recordingDir);
    EXPECT_EQ(back->directoryAddress, s.directoryAddress);
    EXPECT_EQ(back->directoryFile, s.directoryFile);
    EXPECT_TRUE(back->startMinimized);
    EXPECT_TRUE(back->delayPan);
}

TEST(DesktopSettings, LegacyDirectoryKeys) {
    QTemporaryDir dir;
    const QString path = dir.filePath("old.ini");
    writeText(path,
              "<server><defcentservaddr>0</defcentservaddr>"
              "<centralservaddr>old.example.org</centralservaddr></server>");
    auto s = readSettingsFile(path);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->directoryType, 7);
    EXPECT_EQ(s->directoryAddress, "old.example.org");

    writeText(path, "<server><centservaddrtype>3</centservaddrtype></server>");
    s = readSettingsFile(path);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->directoryType, 3);

    writeText(path,
              "<server><centservaddrtype>3</centservaddrtype>"
              "<servlistenabled>0</servlistenabled></server>");
    s = readSettingsFile(path);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->directoryType, -1);
}

TEST(DesktopSettings, RefusesWhatIsNotASettingsFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath("x.ini");
    writeText(path, "<client><name>x</name></client>");
    QString error;
    EXPECT_FALSE(readSettingsFile(path, &error).has_value());
    EXPECT_FALSE(error.isEmpty());
    EXPECT_FALSE(readSettingsFile(dir.filePath("missing.ini")).has_value());
}

TEST(DesktopSettings, ImportsJamulusserverIniOnce) {
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.path().toUtf8());
    writeText(home.filePath("Jamulus/Jamulusserver.ini"), kUpstreamFile);
    const QString ours = defaultSettingsPath();
    EXPECT_TRUE(ours.startsWith(home.path()));

    bool imported = false;
    QString message;
    DesktopSettings s = loadStartSettings(ours, false, &imported, &message);
    EXPECT_TRUE(imported);
    EXPECT_TRUE(message.contains("Imported")) << message.toStdString();
    EXPECT_EQ(s.name, "GUI Srv");
    // With -i FILE nothing is imported.
    loadStartSettings(home.filePath("given.ini"), true, &imported, &message);
    EXPECT_FALSE(imported);

    // Once ours exists (main saves it right after an import), upstream's is not read again.
    s.name = "Ours now";
    ASSERT_TRUE(writeSettingsFile(ours, s));
    s = loadStartSettings(ours, false, &imported, &message);
    EXPECT_FALSE(imported);
    EXPECT_EQ(s.name, "Ours now");
    qunsetenv("XDG_CONFIG_HOME");
}

TEST(SettingsMerge, CommandLineWinsAtStart) {
    DesktopSettings s;
    s.name = "Saved";
    s.city = "Town";
    s.country = 74;
    s.welcome = "saved welcome";
    s.directoryType = 7;
    s.directoryAddress = "saved.example.org";
    s.recordingDir = "/tmp/saved";
    s.directoryFile = "/tmp/saved-list.txt";
    s.delayPan = true;
    s.noRecord = true;

    const app::ServerOptions none = mergeSettings(parse({}), s);
    EXPECT_EQ(none.serverInfo, "Saved;Town;74");
    EXPECT_EQ(none.welcomeMessage, "saved welcome");
    EXPECT_EQ(none.directoryAddress, "saved.example.org");
    EXPECT_EQ(none.recordingDir, "/tmp/saved");
    EXPECT_EQ(none.directoryFile, "/tmp/saved-list.txt");
    EXPECT_TRUE(none.delayPan);
    EXPECT_TRUE(none.noRecord);

    const app::ServerOptions given = mergeSettings(
        parse({"-o", "Cli;Here;de", "-w", "cli welcome", "-e", "localhost", "-R", "/tmp/cli"}), s);
    EXPECT_EQ(given.serverInfo, "Cli;Here;de");
    EXPECT_EQ(given.welcomeMessage, "cli welcome");
    EXPECT_EQ(given.directoryAddress, "localhost");
    EXPECT_EQ(given.recordingDir, "/tmp/cli");
    EXPECT_FALSE(directoryToApply(parse({"-e", "localhost"}), s).has_value());

    s.directoryType = 4;
    const auto genre = directoryToApply(parse({}), s);
    ASSERT_TRUE(genre.has_value());
    EXPECT_EQ(*genre, control::DirectoryType::GenreJazz);
}

TEST(SettingsMerge, CaptureReadsTheRunningServer) {
    FakeOperatorApi api;
    api.profile.name = "Live";
    api.profile.city = "Paris";
    api.profile.countryId = 74;
    api.profile.welcomeMessage = "<i>hi</i>";
    api.profile.directoryType = control::DirectoryType::AnyGenre2;
    api.recorder.initialised = true;
    api.recorder.enabled = false;
    api.recorder.recordingDirectory = "/tmp/r";
    api.delayPan = true;
    api.directoryFilePath = "/tmp/l.txt";
    DesktopSettings window;
    window.startMinimized = true;
    const DesktopSettings s = captureSettings(api, window);
    EXPECT_EQ(s.name, "Live");
    EXPECT_EQ(s.city, "Paris");
    EXPECT_EQ(s.country, 74);
    EXPECT_EQ(s.welcome, "<i>hi</i>");
    EXPECT_EQ(s.directoryType, 1);
    EXPECT_TRUE(s.noRecord);
    EXPECT_EQ(s.recordingDir, "/tmp/r");
    EXPECT_TRUE(s.delayPan);
    EXPECT_EQ(s.directoryFile, "/tmp/l.txt");
    EXPECT_TRUE(s.startMinimized);
}

}  // namespace
}  // namespace tutti::gui::test
