// Test-only hooks, each off unless its environment variable is set:
//   TUTTI_TEST_GUI_DUMP=FILE        rewrites FILE every 200 ms with what the widgets show (JSON)
//   TUTTI_TEST_GUI_SCREENSHOT=FILE  with the dump, also grabs the window into FILE (PNG)
//   TUTTI_TEST_GUI_FREEZE_AFTER_MS=N blocks the GUI thread for TUTTI_TEST_GUI_FREEZE_MS (2000)
//                                   milliseconds, N ms after start: a hung window
// The dump reads the widgets themselves, never the command layer, so a test sees what a user sees.
#pragma once

#include <QByteArray>

namespace tutti::gui {

class MainWindow;

// What the window shows, as a JSON document.
QByteArray dumpWindow(const MainWindow& window);

// Installs the hooks the environment asks for; they live as long as `window`.
void installTestHooks(MainWindow& window);

}  // namespace tutti::gui
