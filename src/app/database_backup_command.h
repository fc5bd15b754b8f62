// `tutti-server --database FILE --backup-database DEST`: a consistent copy of the (possibly
// running) server's database through SQLite's online backup, then exit.
#pragma once

#include <iosfwd>

#include "src/app/options.h"

namespace tutti::app {

// Returns the exit status (0 on success); says what happened on `err`.
int runDatabaseBackup(const ServerOptions& options, std::ostream& err);

}  // namespace tutti::app
