// The desktop server's window: the client list with level meters and network quality, kick and
// ban, Server Setup, Options, the chat, the status line and the tray icon. A thin shell over
// control::OperatorApi (in the application an ApiProxy, so it never blocks the server).
#pragma once

#include <QMainWindow>
#include <QTimer>
#include <memory>

#include "src/control/operator_api.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace tutti::gui {

class ChatPanel;
class ClientTable;
class OptionsTab;
class SetupTab;
class TrayIcon;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(control::OperatorApi& api, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Reads everything the window shows from the command layer now (the timers do it too).
    void refreshClients();
    void refreshSettings();
    // Stops the timers and events: call before the command layer goes away.
    void disconnectFromServer();

    ClientTable* clientTable() const { return table_; }
    SetupTab* setupTab() const { return setup_; }
    OptionsTab* optionsTab() const { return options_; }
    ChatPanel* chat() const { return chat_; }
    TrayIcon* tray() const { return tray_; }
    QLineEdit* kickReason() const { return reason_; }
    QPushButton* kickButton() const { return kick_; }
    QPushButton* banButton() const { return ban_; }
    QLabel* actionResult() const { return actionResult_; }
    QLabel* engineLine() const { return engineLine_; }
    QLabel* mixOutLine() const { return mixOutLine_; }
    QTabWidget* tabs() const { return tabs_; }

  signals:
    void exitRequested();

  protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

  private:
    class Events;

    void kickSelected(bool ban);
    void updateTitle(const std::string& serverName);

    control::OperatorApi& api_;
    std::unique_ptr<Events> events_;
    ClientTable* table_;
    QLineEdit* reason_;
    QPushButton* kick_;
    QPushButton* ban_;
    QLabel* actionResult_;
    QTabWidget* tabs_;
    SetupTab* setup_;
    OptionsTab* options_;
    ChatPanel* chat_;
    QLabel* engineLine_;
    QLabel* mixOutLine_;
    TrayIcon* tray_;
    QTimer clientTimer_;
    QTimer settingsTimer_;
};

}  // namespace tutti::gui
