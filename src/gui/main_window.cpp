#include "src/gui/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "src/gui/chat_panel.h"
#include "src/gui/client_table.h"
#include "src/gui/options_tab.h"
#include "src/gui/setup_tab.h"
#include "src/gui/tray_icon.h"

namespace tutti::gui {

namespace {

constexpr int kClientRefreshMs = 250;  // level meters move; the rest changes rarely
constexpr int kSettingsRefreshMs = 1000;

QString mixOutText(const control::MixOutStatus& m) {
    QString text = QObject::tr("Mix out (%1 %2): %3")
                       .arg(QString::fromStdString(m.backend), QString::fromStdString(m.device),
                            m.running ? QObject::tr("playing") : QObject::tr("not running"));
    if (!m.error.empty()) {
        text += " – " + QString::fromStdString(m.error);
    }
    text += QObject::tr(", %1 overruns, %2 underruns").arg(m.overruns).arg(m.underruns);
    if (m.input) {
        text += QObject::tr("; input %1 overruns, %2 underruns")
                    .arg(m.inputOverruns)
                    .arg(m.inputUnderruns);
    }
    return text;
}

}  // namespace

// What the window shows of the server's events; already on the GUI thread (ApiProxy queues).
class MainWindow::Events : public control::OperatorEvents {
  public:
    explicit Events(MainWindow& w) : w_(w) {}
    void clientConnected(int, const std::string&, int) override { w_.refreshClients(); }
    void clientDisconnected(int) override { w_.refreshClients(); }
    void clientProfileChanged(int) override { w_.refreshClients(); }
    void chatMessage(int id, const std::string& html) override {
        w_.chat_->append(id, QString::fromStdString(html));
    }
    void registrationStatusChanged(const std::string&) override {
        w_.setup_->showRegistration(w_.api_.serverProfile());
    }
    void recordingStateChanged(const control::RecorderStatus& status) override {
        w_.setup_->showRecorder(status);
        w_.options_->showRecorder(status);
    }

  private:
    MainWindow& w_;
};

MainWindow::MainWindow(control::OperatorApi& api, QWidget* parent)
    : QMainWindow(parent),
      api_(api),
      events_(std::make_unique<Events>(*this)),
      table_(new ClientTable),
      reason_(new QLineEdit),
      kick_(new QPushButton(tr("Kick"))),
      ban_(new QPushButton(tr("Ban"))),
      actionResult_(new QLabel),
      tabs_(new QTabWidget),
      setup_(new SetupTab(api)),
      options_(new OptionsTab(api)),
      chat_(new ChatPanel(api)),
      engineLine_(new QLabel),
      mixOutLine_(new QLabel),
      tray_(new TrayIcon(this)) {
    setWindowIcon(QIcon(QStringLiteral(":/icons/tutti-server.svg")));
    reason_->setPlaceholderText(tr("Reason (sent to the client as a chat line)"));
    kick_->setToolTip(tr("Disconnect the selected client"));
    ban_->setToolTip(tr("Ban the selected client's address and disconnect it"));
    actionResult_->setWordWrap(true);

    auto* actions = new QHBoxLayout;
    actions->addWidget(reason_, 1);
    actions->addWidget(kick_);
    actions->addWidget(ban_);
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(table_, 1);
    topLayout->addLayout(actions);
    topLayout->addWidget(actionResult_);

    tabs_->addTab(setup_, tr("Server Setup"));
    tabs_->addTab(options_, tr("Options"));
    tabs_->addTab(chat_, tr("Chat"));

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(tabs_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    setCentralWidget(split);
    statusBar()->addWidget(engineLine_, 1);
    statusBar()->addPermanentWidget(mixOutLine_);
    resize(760, 720);

    connect(kick_, &QPushButton::clicked, this, [this] { kickSelected(false); });
    connect(ban_, &QPushButton::clicked, this, [this] { kickSelected(true); });
    connect(options_, &OptionsTab::directoryChanged, this, [this] { setup_->refresh(); });
    connect(tray_, &TrayIcon::showRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(tray_, &TrayIcon::hideRequested, this, &QWidget::hide);
    connect(tray_, &TrayIcon::exitRequested, this, &MainWindow::exitRequested);

    api_.subscribe(events_.get());
    connect(&clientTimer_, &QTimer::timeout, this, &MainWindow::refreshClients);
    connect(&settingsTimer_, &QTimer::timeout, this, &MainWindow::refreshSettings);
    clientTimer_.start(kClientRefreshMs);
    settingsTimer_.start(kSettingsRefreshMs);
    refreshClients();
    refreshSettings();
}

MainWindow::~MainWindow() {
    disconnectFromServer();
}

void MainWindow::disconnectFromServer() {
    clientTimer_.stop();
    settingsTimer_.stop();
    if (events_) {
        api_.unsubscribe(events_.get());
        events_.reset();
    }
}

void MainWindow::refreshClients() {
    const std::vector<control::ClientInfo> clients = api_.clients();
    const control::EngineStatistics stats = api_.engineStatistics();
    table_->update(clients, stats, api_.levels());
    tray_->setOccupied(!clients.empty(), static_cast<int>(clients.size()));
    kick_->setEnabled(!clients.empty());
    ban_->setEnabled(!clients.empty());
    engineLine_->setText(
        tr("%n client(s) · mix: %1 ticks, %2 late", "", static_cast<int>(clients.size()))
            .arg(stats.ticks)
            .arg(stats.lateTicks));
}

void MainWindow::refreshSettings() {
    setup_->refresh();
    options_->refresh();
    updateTitle(api_.serverProfile().name);
    const control::MixOutStatus m = api_.mixOutStatus();
    mixOutLine_->setVisible(m.configured);
    if (m.configured) {
        mixOutLine_->setText(mixOutText(m));
    }
}

void MainWindow::updateTitle(const std::string& serverName) {
    const QString title = serverName.empty()
                              ? tr("Tutti server")
                              : tr("Tutti server - %1").arg(QString::fromStdString(serverName));
    if (windowTitle() != title) {
        setWindowTitle(title);
    }
}

void MainWindow::kickSelected(bool ban) {
    const int id = table_->selectedClientId();
    if (id < 0) {
        actionResult_->setText(tr("Select a client first."));
        return;
    }
    const std::string reason = reason_->text().trimmed().toStdString();
    QString result;
    if (ban) {
        const control::CommandResult r = api_.banClient(id, 0, reason, "window");
        result =
            r.ok()
                ? tr("Banned.")
                : tr("Ban refused: %1")
                      .arg(QString::fromStdString(r.message.empty() ? "not possible" : r.message));
    } else {
        const control::CommandError e = api_.kick(id, reason, "window");
        result = e == control::CommandError::None ? tr("Kicked.")
                                                  : tr("Kick refused: the client has left.");
    }
    actionResult_->setText(result);
    refreshClients();
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    // Minimising hides to the tray, where there is one to bring the window back from.
    if (event->type() == QEvent::WindowStateChange && isMinimized() && tray_->available()) {
        QMetaObject::invokeMethod(this, &QWidget::hide, Qt::QueuedConnection);
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Closing the window ends the server, as upstream's does.
    event->accept();
    emit exitRequested();
}

}  // namespace tutti::gui
