// The desktop server's settings file: Jamulus' own XML format (OPERATIONS.md 7.2) with the same
// keys, so `-i Jamulusserver.ini` reads an upstream file and upstream reads ours. Qt Core only
// (no widgets), so it is unit-tested directly.
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace tutti::gui {

struct DesktopSettings {
    QByteArray windowGeometry;  // QWidget::saveGeometry(), empty when never shown
    int directoryType = -1;     // -1 none .. 7 custom, as in the file
    QString name;
    QString city;
    int country = 0;  // Qt 5 number
    bool noRecord = false;
    QString welcome;  // HTML kept as given
    QString language = QStringLiteral("en");
    QString recordingDir;
    QString directoryAddress;  // the custom address
    QString directoryFile;
    bool startMinimized = false;  // `autostartmin`: here, start hidden in the tray
    bool delayPan = false;
};

// Reads `path`; nullopt when the file is missing, unreadable or not a <server> document
// (`error` says which). Keys absent from the file keep their defaults; legacy keys are honoured.
std::optional<DesktopSettings> readSettingsFile(const QString& path, QString* error = nullptr);
// Writes the file (creating its folder) atomically; false with `error` on failure.
bool writeSettingsFile(const QString& path, const DesktopSettings& settings,
                       QString* error = nullptr);

// What to start with: the file at `path` when it exists; else, when no -i was given
// (`fileGiven` false), upstream's ~/.config/Jamulus/Jamulusserver.ini once (`imported` set: the
// caller saves ours at once, so it is never imported again); else defaults. `message` gets a
// line for the log when something was imported or could not be read.
DesktopSettings loadStartSettings(const QString& path, bool fileGiven, bool* imported,
                                  QString* message);

// ~/.config/Tutti/Tuttiserver.ini (the user's config directory).
QString defaultSettingsPath();
// ~/.config/Jamulus/Jamulusserver.ini, imported once when ours does not exist yet.
QString jamulusSettingsPath();

}  // namespace tutti::gui
