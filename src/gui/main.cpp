// tutti-server-gui: the same server and command line as tutti-server, with a window for people
// who run their band's server from the desktop. The server runs on a control thread of its own
// (ServerThread); the window talks to it only through ApiProxy. -n runs headless, exactly as
// tutti-server (no window, no settings file).
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QTimer>
#include <clocale>
#include <iostream>
#include <string>
#include <vector>

#include "src/app/options.h"
#include "src/app/server_process.h"
#include "src/app/signal_watcher.h"
#include "src/gui/api_proxy.h"
#include "src/gui/desktop_settings.h"
#include "src/gui/main_window.h"
#include "src/gui/options_tab.h"
#include "src/gui/server_thread.h"
#include "src/gui/settings_merge.h"
#include "src/gui/test_hooks.h"
#include "src/gui/tray_icon.h"

namespace {

void log(const std::string& line) {
    std::cerr << line << std::endl;
}

int runHeadless(int argc, char** argv, const tutti::app::ServerOptions& options,
                const std::string& argv0) {
    QCoreApplication app(argc, argv);
    tutti::app::ServerProcess server(options, TUTTI_VERSION_STRING, log, [&app] { app.quit(); });
    if (const int rc = server.start(argv0); rc != 0) {
        return rc;
    }
    const int rc = app.exec();
    server.stop();
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    tutti::app::ParseResult parsed = tutti::app::parseCommandLine(args, TUTTI_VERSION_STRING);
    // The parser speaks for tutti-server; with a window, -i is exactly what is supported.
    if (parsed.options && !parsed.options->noGui) {
        std::erase(parsed.startupLines,
                   std::string("No initialization file support in headless server mode."));
    }
    tutti::app::printParseResult(parsed, std::cout, std::cerr);
    if (parsed.shouldExit()) {
        return parsed.exitStatus;
    }
    // Before any thread exists, so every thread inherits the mask and signalfd sees them.
    tutti::app::SignalWatcher::blockSignals();
    const tutti::app::ServerOptions& given = *parsed.options;
    if (given.noGui) {
        return runHeadless(argc, argv, given, args[0]);
    }

    QApplication app(argc, argv);
    std::setlocale(LC_TIME, "C");
    app.setApplicationName("Tutti");
    app.setDesktopFileName("tutti-server-gui");
    app.setWindowIcon(QIcon(QStringLiteral(":/icons/tutti-server.svg")));
    // Hiding to the tray closes no window for good; Exit and closing the window end the server.
    app.setQuitOnLastWindowClosed(false);

    const QString settingsPath = given.iniFile.empty() ? tutti::gui::defaultSettingsPath()
                                                       : QString::fromStdString(given.iniFile);
    bool imported = false;
    QString message;
    const tutti::gui::DesktopSettings settings =
        tutti::gui::loadStartSettings(settingsPath, !given.iniFile.empty(), &imported, &message);
    if (!message.isEmpty()) {
        log(message.toStdString());
    }
    const tutti::app::ServerOptions options = tutti::gui::mergeSettings(given, settings);

    tutti::gui::ServerThread server(options, TUTTI_VERSION_STRING, [&app] {
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    if (const int rc = server.start(args[0]); rc != 0) {
        return rc;
    }
    tutti::gui::ApiProxy api(server.api(), server.context(), &app);
    if (const auto type = tutti::gui::directoryToApply(given, settings)) {
        api.setDirectory(*type, settings.directoryAddress.toStdString());
    }

    int rc = 0;
    {
        tutti::gui::MainWindow window(api);
        window.optionsTab()->startMinimized()->setChecked(options.startMinimized);
        if (!settings.windowGeometry.isEmpty()) {
            window.restoreGeometry(settings.windowGeometry);
        }
        QObject::connect(&window, &tutti::gui::MainWindow::exitRequested, &app,
                         &QCoreApplication::quit);
        tutti::gui::installTestHooks(window);
        if (!options.startMinimized) {
            window.show();
        } else if (!window.tray()->available()) {
            window.showMinimized();  // no tray to come back from: keep it in the task bar
        }
        auto save = [&] {
            tutti::gui::DesktopSettings local = settings;
            local.windowGeometry = window.saveGeometry();
            local.startMinimized = window.optionsTab()->startMinimized()->isChecked();
            QString error;
            if (!tutti::gui::writeSettingsFile(settingsPath,
                                               tutti::gui::captureSettings(api, local), &error)) {
                log("Settings not saved to " + settingsPath.toStdString() + ": " +
                    error.toStdString());
            }
        };
        if (imported) {
            save();  // the import happens once: from now on our own file exists
        }
        rc = app.exec();
        save();
        window.disconnectFromServer();
    }
    api.detach();
    server.stop();
    return rc;
}
