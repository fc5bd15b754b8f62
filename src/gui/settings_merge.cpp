#include "src/gui/settings_merge.h"

namespace tutti::gui {

namespace {

std::string utf8(const QString& s) {
    return s.toStdString();
}

}  // namespace

control::DirectoryType directoryTypeFromNumber(int number) {
    if (number < -1 || number > 7) {
        return control::DirectoryType::None;
    }
    return static_cast<control::DirectoryType>(number + 1);
}

int directoryTypeNumber(control::DirectoryType type) {
    return static_cast<int>(type) - 1;
}

app::ServerOptions mergeSettings(const app::ServerOptions& given, const DesktopSettings& s) {
    app::ServerOptions o = given;
    // -o: a ';' inside the saved name or city would shift the fields, so those stay out.
    if (given.serverInfo.empty() && !s.name.contains(';') && !s.city.contains(';') &&
        (!s.name.isEmpty() || !s.city.isEmpty() || s.country != 0)) {
        o.serverInfo = utf8(s.name + ';' + s.city + ';' + QString::number(s.country));
    }
    if (given.welcomeMessageArg.empty()) {
        o.welcomeMessage = utf8(s.welcome);
    }
    if (given.directoryAddress.empty() && s.directoryType == 7) {
        o.directoryAddress = utf8(s.directoryAddress.trimmed());
    }
    if (given.recordingDir.empty()) {
        o.recordingDir = utf8(s.recordingDir);
    }
    if (!given.noRecord) {
        o.noRecord = s.noRecord;
    }
    if (given.directoryFile.empty()) {
        o.directoryFile = utf8(s.directoryFile);
    }
    if (!given.delayPan) {
        o.delayPan = s.delayPan;
    }
    if (!given.startMinimized) {
        o.startMinimized = s.startMinimized;
    }
    return o;
}

std::optional<control::DirectoryType> directoryToApply(const app::ServerOptions& given,
                                                       const DesktopSettings& settings) {
    if (!given.directoryAddress.empty() || settings.directoryType < 0 ||
        settings.directoryType >= 7) {
        return std::nullopt;
    }
    return directoryTypeFromNumber(settings.directoryType);
}

DesktopSettings captureSettings(const control::OperatorApi& api, const DesktopSettings& window) {
    DesktopSettings s = window;
    const control::ServerProfile p = api.serverProfile();
    s.name = QString::fromStdString(p.name);
    s.city = QString::fromStdString(p.city);
    s.country = p.countryId;
    s.welcome = QString::fromStdString(p.welcomeMessage);
    s.directoryType = directoryTypeNumber(p.directoryType);
    s.directoryAddress = QString::fromStdString(p.directoryAddress);
    const control::RecorderStatus r = api.recorderStatus();
    s.recordingDir = QString::fromStdString(r.recordingDirectory);
    // Without a directory nothing says whether recording was wanted: keep what was saved.
    if (r.initialised) {
        s.noRecord = !r.enabled;
    }
    s.directoryFile = QString::fromStdString(api.directoryFile());
    s.delayPan = api.delayPanning();
    return s;
}

}  // namespace tutti::gui
