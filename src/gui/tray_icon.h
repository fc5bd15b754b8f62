// The system-tray icon: our own "empty" and "occupied" icons, Show / Hide / Exit. The state is
// kept even where no tray exists (a bare X server), so the window can still report it.
#pragma once

#include <QObject>
#include <QSystemTrayIcon>

class QAction;

namespace tutti::gui {

class TrayIcon : public QObject {
    Q_OBJECT
  public:
    explicit TrayIcon(QObject* parent = nullptr);

    void setOccupied(bool occupied, int clients);
    bool occupied() const { return occupied_; }
    QString toolTip() const { return tray_.toolTip(); }
    // "empty" or "occupied": which icon is shown.
    QString state() const;
    bool available() const { return QSystemTrayIcon::isSystemTrayAvailable(); }

  signals:
    void showRequested();
    void hideRequested();
    void exitRequested();

  private:
    QSystemTrayIcon tray_;
    bool occupied_ = false;
};

}  // namespace tutti::gui
