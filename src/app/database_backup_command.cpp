#include "src/app/database_backup_command.h"

#include <ostream>

#include "src/admin/admin_database.h"

namespace tutti::app {

int runDatabaseBackup(const ServerOptions& options, std::ostream& err) {
    std::string error;
    if (!admin::backupDatabaseFile(options.databaseFile, options.backupDatabaseTo, error)) {
        err << "Database backup failed: " << error << std::endl;
        return 1;
    }
    err << "Database " << options.databaseFile << " copied to " << options.backupDatabaseTo
        << std::endl;
    return 0;
}

}  // namespace tutti::app
