#include "src/gui/tray_icon.h"

#include <QAction>
#include <QMenu>

namespace tutti::gui {

TrayIcon::TrayIcon(QObject* parent) : QObject(parent) {
    auto* menu = new QMenu;
    connect(menu->addAction(tr("Show")), &QAction::triggered, this, &TrayIcon::showRequested);
    connect(menu->addAction(tr("Hide")), &QAction::triggered, this, &TrayIcon::hideRequested);
    menu->addSeparator();
    connect(menu->addAction(tr("Exit")), &QAction::triggered, this, &TrayIcon::exitRequested);
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    tray_.setContextMenu(menu);
    connect(&tray_, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick) {
            emit showRequested();
        }
    });
    occupied_ = true;  // so the first call sets icon and tip
    setOccupied(false, 0);
    if (available()) {
        tray_.show();
    }
}

void TrayIcon::setOccupied(bool occupied, int clients) {
    const QString tip = occupied ? tr("Tutti server: occupied (%n client(s))", "", clients)
                                 : tr("Tutti server: empty");
    if (occupied != occupied_) {
        occupied_ = occupied;
        tray_.setIcon(QIcon(occupied ? QStringLiteral(":/icons/tutti-server-tray-occupied.svg")
                                     : QStringLiteral(":/icons/tutti-server-tray-empty.svg")));
    }
    if (tray_.toolTip() != tip) {
        tray_.setToolTip(tip);
    }
}

QString TrayIcon::state() const {
    return occupied_ ? QStringLiteral("occupied") : QStringLiteral("empty");
}

}  // namespace tutti::gui
