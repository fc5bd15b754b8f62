#include "src/gui/test_hooks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSaveFile>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>
#include <iostream>

#include "src/gui/chat_panel.h"
#include "src/gui/client_table.h"
#include "src/gui/main_window.h"
#include "src/gui/setup_tab.h"
#include "src/gui/tray_icon.h"

namespace tutti::gui {

namespace {

constexpr int kDumpIntervalMs = 200;
constexpr int kDefaultFreezeMs = 2000;

int envInt(const char* name, int fallback) {
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok ? v : fallback;
}

void writeFile(const QString& path, const QByteArray& data) {
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(data);
        f.commit();
    }
}

}  // namespace

QByteArray dumpWindow(const MainWindow& w) {
    QJsonArray rows;
    const ClientTable* t = w.clientTable();
    for (int r = 0; r < t->rowCount(); ++r) {
        auto text = [&](int c) { return t->item(r, c) ? t->item(r, c)->text() : QString(); };
        const auto* meter = qobject_cast<const QProgressBar*>(t->cellWidget(r, ClientTable::Level));
        rows.append(QJsonObject{{"address", text(ClientTable::Address)},
                                {"name", text(ClientTable::Name)},
                                {"jitterBuffer", text(ClientTable::JitterBuffer)},
                                {"channels", text(ClientTable::Channels)},
                                {"level", meter ? meter->value() : -1},
                                {"lostLate", text(ClientTable::Network)}});
    }
    const SetupTab* s = w.setupTab();
    QJsonObject doc{
        {"title", w.windowTitle()},
        {"clients", rows},
        {"tray", QJsonObject{{"state", w.tray()->state()},
                             {"toolTip", w.tray()->toolTip()},
                             {"available", w.tray()->available()}}},
        {"engine", w.engineLine()->text()},
        {"directory", s->directory()->currentText()},
        {"registration", s->registration()->text()},
        {"recorderStatus", s->recorderStatus()->text()},
        {"recorderEnabled", s->recorderEnabled()->isChecked()},
        {"welcome", s->welcome()->toPlainText()},
        {"chat", w.chat()->history()->toPlainText()},
        {"actionResult", w.actionResult()->text()},
        {"visible", w.isVisible()},
    };
    return QJsonDocument(doc).toJson();
}

void installTestHooks(MainWindow& window) {
    const QString dump = qEnvironmentVariable("TUTTI_TEST_GUI_DUMP");
    const QString shot = qEnvironmentVariable("TUTTI_TEST_GUI_SCREENSHOT");
    if (!dump.isEmpty() || !shot.isEmpty()) {
        auto* timer = new QTimer(&window);
        QObject::connect(timer, &QTimer::timeout, &window, [&window, dump, shot] {
            if (!dump.isEmpty()) {
                writeFile(dump, dumpWindow(window));
            }
            if (!shot.isEmpty() && window.isVisible()) {
                window.grab().save(shot + ".tmp.png", "PNG");
                QFile::remove(shot);
                QFile::rename(shot + ".tmp.png", shot);
            }
        });
        timer->start(kDumpIntervalMs);
    }
    const int freezeAfter = envInt("TUTTI_TEST_GUI_FREEZE_AFTER_MS", -1);
    if (freezeAfter >= 0) {
        const int freezeMs = envInt("TUTTI_TEST_GUI_FREEZE_MS", kDefaultFreezeMs);
        QTimer::singleShot(freezeAfter, &window, [freezeMs] {
            // Wall-clock times, so a test can check the freeze fell inside its measurement.
            std::cerr << "test hook: GUI thread frozen at " << QDateTime::currentMSecsSinceEpoch()
                      << " for " << freezeMs << " ms" << std::endl;
            QThread::msleep(static_cast<unsigned long>(freezeMs));
            std::cerr << "test hook: GUI thread thawed at " << QDateTime::currentMSecsSinceEpoch()
                      << std::endl;
        });
    }
}

}  // namespace tutti::gui
