#include "src/gui/desktop_settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSaveFile>
#include <QStandardPaths>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace tutti::gui {

namespace {

QString fromBase64(const QString& text) {
    return QString::fromUtf8(QByteArray::fromBase64(text.toLatin1()));
}

QString toBase64(const QString& text) {
    return QString::fromLatin1(text.toUtf8().toBase64());
}

bool flag(const QString& text) {
    return text.trimmed() == QLatin1String("1");
}

// An int key, or `fallback` when the text is not a number in [lo, hi].
int number(const QString& text, int lo, int hi, int fallback) {
    bool ok = false;
    const int v = text.trimmed().toInt(&ok);
    return ok && v >= lo && v <= hi ? v : fallback;
}

}  // namespace

std::optional<DesktopSettings> readSettingsFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = file.errorString();
        }
        return std::nullopt;
    }
    // One level of children under <server>; Qt's writer never nests deeper.
    QMap<QString, QString> keys;
    QXmlStreamReader xml(&file);
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("server")) {
        if (error) {
            *error = QStringLiteral("not a server settings file (no <server> element)");
        }
        return std::nullopt;
    }
    while (xml.readNextStartElement()) {
        const QString key = xml.name().toString();
        keys.insert(key, xml.readElementText(QXmlStreamReader::SkipChildElements));
    }
    if (xml.hasError() && xml.error() != QXmlStreamReader::PrematureEndOfDocumentError) {
        if (error) {
            *error = xml.errorString();
        }
        return std::nullopt;
    }

    DesktopSettings s;
    s.windowGeometry = QByteArray::fromBase64(keys.value("winposmain_base64").toLatin1());
    // Legacy directory keys first, so a current key overrides them: pre-3.4.7 had a flag
    // (1 = the default directory, 0 = custom), pre-3.8.2 a type 0..7 whose numbers match today's.
    if (keys.contains("defcentservaddr")) {
        s.directoryType = flag(keys.value("defcentservaddr")) ? 0 : 7;
    }
    if (keys.contains("centservaddrtype")) {
        s.directoryType = number(keys.value("centservaddrtype"), 0, 7, s.directoryType);
    }
    if (keys.contains("directorytype")) {
        s.directoryType = number(keys.value("directorytype"), -1, 7, s.directoryType);
    }
    // Pre-3.9.0: a server not listed anywhere, whatever the type said.
    if (keys.contains("servlistenabled") && !flag(keys.value("servlistenabled"))) {
        s.directoryType = -1;
    }
    s.directoryAddress = keys.contains("directoryaddress") ? keys.value("directoryaddress")
                                                           : keys.value("centralservaddr");
    s.name = keys.value("name");
    s.city = keys.value("city");
    s.country = number(keys.value("country"), 0, 261, 0);
    s.noRecord = flag(keys.value("norecord"));
    s.welcome = fromBase64(keys.value("welcome"));
    if (keys.contains("language")) {
        s.language = keys.value("language");
    }
    s.recordingDir = fromBase64(keys.value("recordingdir_base64"));
    s.directoryFile = fromBase64(keys.value("directoryfile_base64"));
    s.startMinimized = flag(keys.value("autostartmin"));
    s.delayPan = flag(keys.value("delaypan"));
    return s;
}

bool writeSettingsFile(const QString& path, const DesktopSettings& s, QString* error) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    // The layout Qt's QDomDocument::toByteArray(1) gives upstream: no declaration, 1-space indent.
    QByteArray text;
    QXmlStreamWriter xml(&text);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartElement("server");
    xml.writeTextElement("winposmain_base64", QString::fromLatin1(s.windowGeometry.toBase64()));
    xml.writeTextElement("directorytype", QString::number(s.directoryType));
    xml.writeTextElement("name", s.name);
    xml.writeTextElement("city", s.city);
    xml.writeTextElement("country", QString::number(s.country));
    xml.writeTextElement("norecord", s.noRecord ? "1" : "0");
    xml.writeTextElement("welcome", toBase64(s.welcome));
    xml.writeTextElement("language", s.language);
    xml.writeTextElement("recordingdir_base64", toBase64(s.recordingDir));
    xml.writeTextElement("directoryaddress", s.directoryAddress);
    xml.writeTextElement("directoryfile_base64", toBase64(s.directoryFile));
    xml.writeTextElement("autostartmin", s.startMinimized ? "1" : "0");
    xml.writeTextElement("delaypan", s.delayPan ? "1" : "0");
    xml.writeEndElement();
    // The stream writer starts auto-formatted output with a line break; upstream's file does not.
    text = text.trimmed() + '\n';
    file.write(text);
    if (xml.hasError() || !file.commit()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

DesktopSettings loadStartSettings(const QString& path, bool fileGiven, bool* imported,
                                  QString* message) {
    *imported = false;
    message->clear();
    QString error;
    if (QFile::exists(path)) {
        if (auto s = readSettingsFile(path, &error)) {
            return *s;
        }
        *message = QStringLiteral("Settings file %1 not read: %2").arg(path, error);
        return {};
    }
    const QString upstream = jamulusSettingsPath();
    if (!fileGiven && QFile::exists(upstream)) {
        if (auto s = readSettingsFile(upstream, &error)) {
            *imported = true;
            *message = QStringLiteral("Imported the Jamulus server settings from %1").arg(upstream);
            return *s;
        }
        *message = QStringLiteral("Jamulus settings %1 not imported: %2").arg(upstream, error);
    }
    return {};
}

QString defaultSettingsPath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/Tutti/Tuttiserver.ini");
}

QString jamulusSettingsPath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/Jamulus/Jamulusserver.ini");
}

}  // namespace tutti::gui
