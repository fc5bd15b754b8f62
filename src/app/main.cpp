// tutti-server: a Jamulus-compatible jam server. Parses the Jamulus command line, runs the server
// with its front ends (ServerProcess) and the control thread's event loop until SIGINT/SIGTERM.
#include <QCoreApplication>
#include <clocale>
#include <iostream>
#include <string>
#include <vector>

#include "src/app/database_backup_command.h"
#include "src/app/options.h"
#include "src/app/server_process.h"
#include "src/app/signal_watcher.h"
#include "src/app/systemd_journal.h"

int main(int argc, char** argv) {
    tutti::app::installJournalPrefixesIfJournal();
    std::vector<std::string> args(argv, argv + argc);
    const tutti::app::ParseResult parsed = tutti::app::parseCommandLine(args, TUTTI_VERSION_STRING);
    tutti::app::printParseResult(parsed, std::cout, std::cerr);
    if (parsed.shouldExit()) {
        return parsed.exitStatus;
    }

    if (!parsed.options->backupDatabaseTo.empty()) {
        return tutti::app::runDatabaseBackup(*parsed.options, std::cerr);
    }

    tutti::app::SignalWatcher::blockSignals();
    QCoreApplication app(argc, argv);
    // Chat time stamps use the C locale's AM/PM whatever locale Qt picked up.
    std::setlocale(LC_TIME, "C");

    tutti::app::ServerProcess server(
        *parsed.options, TUTTI_VERSION_STRING,
        [](const std::string& line) { std::cerr << line << std::endl; }, [&app] { app.quit(); });
    if (const int rc = server.start(args[0]); rc != 0) {
        return rc;
    }
    const int rc = app.exec();
    server.stop();
    return rc;
}
