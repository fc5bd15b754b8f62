// The window against a fake command layer: what it shows and what its controls ask for.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QIcon>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <algorithm>

#include "src/gui/chat_panel.h"
#include "src/gui/client_table.h"
#include "src/gui/main_window.h"
#include "src/gui/options_tab.h"
#include "src/gui/setup_tab.h"
#include "src/gui/test_hooks.h"
#include "src/gui/tray_icon.h"
#include "tests/unit/control/fake_operator_api.h"

namespace tutti::gui::test {
namespace {

using control::testing::FakeOperatorApi;

bool called(const FakeOperatorApi& api, const std::string& call) {
    return std::find(api.calls.begin(), api.calls.end(), call) != api.calls.end();
}

TEST(MainWindow, ClientTableFillsAndEmpties) {
    FakeOperatorApi api;
    MainWindow w(api);
    EXPECT_EQ(w.clientTable()->rowCount(), 0);
    EXPECT_EQ(w.tray()->state(), "empty");

    api.addClient(0, "Alice", 2);
    api.addClient(3, "Bob", 1);
    w.refreshClients();
    ClientTable* t = w.clientTable();
    ASSERT_EQ(t->rowCount(), 2);
    EXPECT_EQ(t->item(0, ClientTable::Address)->text(), "127.0.0.1:22200");
    EXPECT_EQ(t->item(0, ClientTable::Name)->text(), "Alice");
    EXPECT_EQ(t->item(0, ClientTable::JitterBuffer)->text(), "4");
    EXPECT_EQ(t->item(0, ClientTable::Channels)->text(), "Stereo");
    EXPECT_EQ(t->item(1, ClientTable::Name)->text(), "Bob");
    EXPECT_EQ(t->item(1, ClientTable::Channels)->text(), "Mono");
    EXPECT_EQ(t->item(1, ClientTable::Network)->text(), "9 / 3");
    EXPECT_EQ(t->clientId(1), 3);
    auto* meter = qobject_cast<QProgressBar*>(t->cellWidget(0, ClientTable::Level));
    ASSERT_NE(meter, nullptr);
    EXPECT_EQ(meter->value(), 5);
    EXPECT_EQ(w.tray()->state(), "occupied");
    EXPECT_TRUE(w.tray()->toolTip().contains("2 client"));

    // The dump reads the same widgets.
    const QJsonObject dump = QJsonDocument::fromJson(dumpWindow(w)).object();
    EXPECT_EQ(dump["clients"].toArray().size(), 2);
    EXPECT_EQ(dump["tray"].toObject()["state"].toString(), "occupied");

    api.clientList.clear();
    w.refreshClients();
    EXPECT_EQ(t->rowCount(), 0);
    EXPECT_EQ(w.tray()->state(), "empty");
}

// Our own icons are built in and render (the SVG image plugin is there), and the two tray
// states look different.
TEST(TrayIcon, EmptyAndOccupiedIconsRenderAndDiffer) {
    const QImage app = QIcon(":/icons/tutti-server.svg").pixmap(64).toImage();
    const QImage empty = QIcon(":/icons/tutti-server-tray-empty.svg").pixmap(32).toImage();
    const QImage occupied = QIcon(":/icons/tutti-server-tray-occupied.svg").pixmap(32).toImage();
    ASSERT_FALSE(app.isNull());
    ASSERT_FALSE(empty.isNull());
    ASSERT_FALSE(occupied.isNull());
    EXPECT_NE(empty, occupied);
    EXPECT_GT(qAlpha(empty.pixel(16, 16)), 0);  // drawn, not blank
}

TEST(MainWindow, ClientEventsRefreshTheTable) {
    FakeOperatorApi api;
    MainWindow w(api);
    ASSERT_EQ(api.listeners.size(), 1u);
    api.addClient(1, "Carol");
    api.listeners[0]->clientConnected(1, "127.0.0.1", 1);
    EXPECT_EQ(w.clientTable()->rowCount(), 1);
    w.disconnectFromServer();
    EXPECT_TRUE(api.listeners.empty());
}

TEST(MainWindow, TitleCarriesTheServerName) {
    FakeOperatorApi api;
    MainWindow w(api);
    EXPECT_EQ(w.windowTitle(), "Tutti server");
    api.profile.name = "Band";
    w.refreshSettings();
    EXPECT_EQ(w.windowTitle(), "Tutti server - Band");
}

TEST(SetupTab, WelcomeMessageReachesTheServer) {
    FakeOperatorApi api;
    MainWindow w(api);
    w.setupTab()->welcome()->setPlainText("Hello <b>band</b>");
    EXPECT_EQ(api.profile.welcomeMessage, "Hello <b>band</b>");
}

TEST(SetupTab, ServerInfoReachesTheServer) {
    FakeOperatorApi api;
    MainWindow w(api);
    SetupTab* s = w.setupTab();
    s->name()->setText("Our Jam");
    emit s->name()->editingFinished();
    EXPECT_EQ(api.profile.name, "Our Jam");
    s->city()->setText("Berlin");
    emit s->city()->editingFinished();
    EXPECT_EQ(api.profile.city, "Berlin");
    const int germany = s->country()->findData(82);
    ASSERT_GE(germany, 0);
    EXPECT_EQ(s->country()->itemText(germany), "Germany");
    s->country()->setCurrentIndex(germany);
    EXPECT_EQ(api.profile.countryId, 82);
    EXPECT_TRUE(called(api, "setServerLocation(Berlin,82)"));
}

TEST(SetupTab, DirectoryChoiceReachesTheServer) {
    FakeOperatorApi api;
    api.profile.registrationStatus = "registered";
    MainWindow w(api);
    SetupTab* s = w.setupTab();
    s->directory()->setCurrentIndex(static_cast<int>(control::DirectoryType::GenreJazz));
    EXPECT_EQ(api.profile.directoryType, control::DirectoryType::GenreJazz);
    EXPECT_TRUE(called(api, "setDirectory(genre_jazz,)"));
    EXPECT_EQ(s->registration()->text(), "Registered");
    EXPECT_TRUE(s->registration()->styleSheet().contains("darkGreen"));

    // Custom takes its address from the Options tab: without one it is refused, and says so.
    s->directory()->setCurrentIndex(static_cast<int>(control::DirectoryType::Custom));
    EXPECT_EQ(api.profile.directoryType, control::DirectoryType::GenreJazz);
    EXPECT_EQ(s->directory()->currentIndex(), static_cast<int>(control::DirectoryType::GenreJazz));
    EXPECT_TRUE(s->registration()->text().contains("Options tab"));
    OptionsTab* o = w.optionsTab();
    o->customDirectory()->setText("localhost");
    emit o->customDirectory()->editingFinished();
    EXPECT_EQ(api.profile.directoryAddress, "localhost");
    s->directory()->setCurrentIndex(static_cast<int>(control::DirectoryType::Custom));
    EXPECT_EQ(api.profile.directoryType, control::DirectoryType::Custom);
    api.profile.directory = "localhost";
    w.refreshSettings();
    EXPECT_EQ(s->registration()->text(), "Now a directory");
}

TEST(SetupTab, RecorderControls) {
    FakeOperatorApi api;
    MainWindow w(api);
    SetupTab* s = w.setupTab();
    EXPECT_EQ(s->recorderStatus()->text(), "Not initialised");
    EXPECT_FALSE(s->recorderEnabled()->isEnabled());

    OptionsTab* o = w.optionsTab();
    o->recordingDir()->setText("/tmp/rec");
    emit o->recordingDir()->editingFinished();
    EXPECT_TRUE(called(api, "setRecordingDirectory(/tmp/rec)"));
    w.refreshSettings();
    EXPECT_TRUE(s->recorderEnabled()->isEnabled());
    EXPECT_EQ(s->recorderStatus()->text(), "Not enabled");

    s->recorderEnabled()->setChecked(true);
    EXPECT_TRUE(called(api, "startRecording()"));
    EXPECT_EQ(s->recorderStatus()->text(), "Not recording");
    api.recorder.recording = true;
    api.recorder.sessionDirectory = "/tmp/rec/Jam-20261201-140000000";
    api.listeners[0]->recordingStateChanged(api.recorder);
    EXPECT_EQ(s->recorderStatus()->text(), "Recording");
    EXPECT_TRUE(s->sessionFolder()->text().contains("Jam-20261201"));
    s->newRecording()->click();
    EXPECT_TRUE(called(api, "restartRecording()"));
    s->recorderEnabled()->setChecked(false);
    EXPECT_TRUE(called(api, "stopRecording()"));

    api.recorder.errorMessage = "Cannot create /tmp/rec";
    w.refreshSettings();
    EXPECT_EQ(o->recordingError()->text(), "Cannot create /tmp/rec");
}

TEST(OptionsTab, DelayPanningAndDirectoryFile) {
    FakeOperatorApi api;
    MainWindow w(api);
    OptionsTab* o = w.optionsTab();
    o->delayPanning()->setChecked(true);
    EXPECT_TRUE(api.delayPan);
    api.answer = control::CommandResult{control::CommandError::Failed,
                                        "cannot create /nonexistent/dir/list.txt"};
    o->directoryFile()->setText("/nonexistent/dir/list.txt");
    emit o->directoryFile()->editingFinished();
    EXPECT_EQ(o->directoryFileError()->text(), "cannot create /nonexistent/dir/list.txt");
    api.answer = control::CommandResult{};
    o->directoryFile()->setText("/tmp/list.txt");
    emit o->directoryFile()->editingFinished();
    EXPECT_EQ(api.directoryFilePath, "/tmp/list.txt");
    EXPECT_EQ(o->directoryFileError()->text(), "");
}

TEST(MainWindow, KickWithReasonAndBanRefusalShown) {
    FakeOperatorApi api;
    api.answer = std::nullopt;  // a server without administration: banClient refuses
    api.addClient(2, "Dave");
    MainWindow w(api);
    w.kickReason()->setText("too loud");
    w.kickButton()->click();
    EXPECT_EQ(w.actionResult()->text(), "Select a client first.");
    w.clientTable()->selectRow(0);
    w.kickButton()->click();
    EXPECT_TRUE(called(api, "kick(2,too loud,window)"));
    // OperatorApi's default banClient refuses.
    w.banButton()->click();
    EXPECT_EQ(w.actionResult()->text(), "Ban refused: not supported");
}

TEST(ChatPanel, ReadsAndSendsAsTheServer) {
    FakeOperatorApi api;
    MainWindow w(api);
    api.listeners[0]->chatMessage(
        0, "<font color=\"mediumblue\">(10:00:00 AM) <b>Alice</b></font> hi");
    w.chat()->input()->setText("welcome all");
    w.chat()->send()->click();
    EXPECT_TRUE(called(api, "broadcastChat(welcome all)"));
    EXPECT_EQ(w.chat()->input()->text(), "");
    const QString shown = w.chat()->history()->toPlainText();
    EXPECT_TRUE(shown.contains("Alice")) << shown.toStdString();
    EXPECT_TRUE(shown.contains("Server: welcome all")) << shown.toStdString();
}

TEST(MainWindow, MixOutLineOnlyWhenConfigured) {
    FakeOperatorApi api;
    MainWindow w(api);
    w.show();
    EXPECT_FALSE(w.mixOutLine()->isVisible());
}

}  // namespace
}  // namespace tutti::gui::test
