// Where the settings file meets the command line (OPERATIONS.md 7.2 "Load"): a key whose option
// was given on the command line is not read, so the option wins at start; and what is saved at
// quit is read back from the running server through the command layer.
#pragma once

#include "src/app/options.h"
#include "src/control/operator_api.h"
#include "src/gui/desktop_settings.h"

namespace tutti::gui {

// The start-up options: `given` as parsed, completed from `settings` where no option was given.
app::ServerOptions mergeSettings(const app::ServerOptions& given, const DesktopSettings& settings);

// The directory type to set once the server runs (genre directories have no option), or
// nullopt when -e was given or the settings ask for none/custom (already in the options).
std::optional<control::DirectoryType> directoryToApply(const app::ServerOptions& given,
                                                       const DesktopSettings& settings);

// The server's current state as settings; window-only keys (geometry, language, start
// minimised) are taken from `window`.
DesktopSettings captureSettings(const control::OperatorApi& api, const DesktopSettings& window);

// Settings-file directory numbers (-1 .. 7) and the command layer's types.
control::DirectoryType directoryTypeFromNumber(int number);
int directoryTypeNumber(control::DirectoryType type);

}  // namespace tutti::gui
