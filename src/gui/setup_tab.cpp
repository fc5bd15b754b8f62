#include "src/gui/setup_tab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "src/directory/qt5_countries.h"
#include "src/directory/registration_status.h"

namespace tutti::gui {

namespace {

// In control::DirectoryType order; "Any Genre Asia" is what 3.12.3 calls Any Genre 3.
const char* const kDirectoryNames[] = {
    "None",       "Any Genre 1", "Any Genre 2",          "Any Genre 3 (Asia)",
    "Genre Rock", "Genre Jazz",  "Genre Classical/Folk", "Genre Choral/Barbershop",
    "Custom",
};

QString registrationText(const std::string& key) {
    using directory::RegistrationStatus;
    for (int i = 0; i <= static_cast<int>(RegistrationStatus::RequirementsNotFulfilled); ++i) {
        const auto s = static_cast<RegistrationStatus>(i);
        if (directory::statusKey(s) == key) {
            return QString::fromUtf8(directory::statusText(s).data(),
                                     static_cast<int>(directory::statusText(s).size()));
        }
    }
    return QString::fromStdString(key);
}

bool beingADirectory(const std::string& address) {
    return address == "localhost" || address == "127.0.0.1";
}

void setIfIdle(QLineEdit* edit, const QString& text) {
    if (!edit->hasFocus() && edit->text() != text) {
        const QSignalBlocker block(edit);
        edit->setText(text);
    }
}

}  // namespace

QString recorderStateText(const control::RecorderStatus& s, bool anyClient) {
    if (!s.initialised) {
        return QObject::tr("Not initialised");
    }
    if (!s.enabled) {
        return QObject::tr("Not enabled");
    }
    return s.recording || anyClient ? QObject::tr("Recording") : QObject::tr("Not recording");
}

SetupTab::SetupTab(control::OperatorApi& api, QWidget* parent)
    : QWidget(parent),
      api_(api),
      directory_(new QComboBox),
      registration_(new QLabel),
      name_(new QLineEdit),
      city_(new QLineEdit),
      country_(new QComboBox),
      recorderEnabled_(new QCheckBox(tr("Enable Jam Recorder"))),
      newRecording_(new QPushButton(tr("New Recording"))),
      recorderStatus_(new QLabel),
      sessionFolder_(new QLabel),
      welcome_(new QPlainTextEdit) {
    for (const char* n : kDirectoryNames) {
        directory_->addItem(tr(n));
    }
    name_->setMaxLength(20);
    city_->setMaxLength(20);
    for (uint16_t i = 0; i < directory::kQt5CountryCount; ++i) {
        const std::string_view n = directory::qt5CountryName(i);
        if (!n.empty()) {
            country_->addItem(QString::fromUtf8(n.data(), static_cast<int>(n.size())), i);
        }
    }
    registration_->setObjectName("registrationStatus");
    sessionFolder_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    welcome_->setPlaceholderText(
        tr("Welcome message (HTML allowed), sent to clients as they join"));

    auto* dirRow = new QHBoxLayout;
    dirRow->addWidget(directory_);
    dirRow->addWidget(registration_, 1);
    auto* info = new QFormLayout;
    info->addRow(tr("Directory"), dirRow);
    info->addRow(tr("Name"), name_);
    info->addRow(tr("Location City"), city_);
    info->addRow(tr("Location Country/Region"), country_);
    auto* infoBox = new QGroupBox(tr("My Server Info"));
    infoBox->setLayout(info);

    auto* recRow = new QHBoxLayout;
    recRow->addWidget(recorderEnabled_);
    recRow->addWidget(newRecording_);
    recRow->addWidget(recorderStatus_, 1);
    auto* recBox = new QGroupBox(tr("Jam Recorder"));
    auto* recLayout = new QVBoxLayout(recBox);
    recLayout->addLayout(recRow);
    recLayout->addWidget(sessionFolder_);

    auto* welcomeBox = new QGroupBox(tr("Welcome Message"));
    (new QVBoxLayout(welcomeBox))->addWidget(welcome_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(infoBox);
    layout->addWidget(recBox);
    layout->addWidget(welcomeBox, 1);

    connect(directory_, &QComboBox::currentIndexChanged, this, [this] { applyDirectory(); });
    connect(name_, &QLineEdit::editingFinished, this,
            [this] { api_.setServerName(name_->text().toStdString()); });
    connect(city_, &QLineEdit::editingFinished, this, [this] { applyLocation(); });
    connect(country_, &QComboBox::currentIndexChanged, this, [this] { applyLocation(); });
    connect(recorderEnabled_, &QCheckBox::toggled, this, [this](bool on) {
        on ? api_.startRecording() : api_.stopRecording();
        showRecorder(api_.recorderStatus());
    });
    connect(newRecording_, &QPushButton::clicked, this, [this] {
        api_.restartRecording();
        showRecorder(api_.recorderStatus());
    });
    connect(welcome_, &QPlainTextEdit::textChanged, this,
            [this] { api_.setWelcomeMessage(welcome_->toPlainText().toStdString()); });
    refresh();
}

void SetupTab::applyDirectory() {
    const auto type = static_cast<control::DirectoryType>(directory_->currentIndex());
    const control::ServerProfile p = api_.serverProfile();
    // Custom without an address is refused; the address is set on the Options tab.
    const control::CommandError e = api_.setDirectory(type, p.directoryAddress);
    showRegistration(api_.serverProfile());
    if (e == control::CommandError::InvalidAddress) {
        registration_->setText(tr("Enter the custom directory address on the Options tab"));
        registration_->setStyleSheet("color: red");
    }
}

void SetupTab::applyLocation() {
    api_.setServerLocation(city_->text().toStdString(), country_->currentData().toInt());
}

void SetupTab::refresh() {
    const control::ServerProfile p = api_.serverProfile();
    setIfIdle(name_, QString::fromStdString(p.name));
    setIfIdle(city_, QString::fromStdString(p.city));
    if (!country_->hasFocus()) {
        const QSignalBlocker block(country_);
        country_->setCurrentIndex(std::max(0, country_->findData(p.countryId)));
    }
    if (!welcome_->hasFocus()) {
        const QString text = QString::fromStdString(p.welcomeMessage);
        if (welcome_->toPlainText() != text) {
            const QSignalBlocker block(welcome_);
            welcome_->setPlainText(text);
        }
    }
    showRegistration(p);
    showRecorder(api_.recorderStatus());
}

void SetupTab::showRegistration(const control::ServerProfile& p) {
    {
        const QSignalBlocker block(directory_);
        directory_->setCurrentIndex(static_cast<int>(p.directoryType));
    }
    QString text;
    QString colour = "black";
    if (p.directoryType == control::DirectoryType::None) {
        text.clear();
    } else if (beingADirectory(p.directory)) {
        text = tr("Now a directory");
        colour = "darkGreen";
    } else {
        text = registrationText(p.registrationStatus);
        colour = p.registrationStatus == "registered"  ? "darkGreen"
                 : p.registrationStatus == "requested" ? "darkGoldenrod"
                                                       : "red";
    }
    registration_->setText(text);
    registration_->setStyleSheet("color: " + colour);
}

void SetupTab::showRecorder(const control::RecorderStatus& s) {
    {
        const QSignalBlocker block(recorderEnabled_);
        recorderEnabled_->setChecked(s.enabled);
    }
    recorderEnabled_->setEnabled(s.initialised);
    newRecording_->setEnabled(s.initialised && s.enabled);
    recorderStatus_->setText(recorderStateText(s, s.recording));
    sessionFolder_->setText(
        s.sessionDirectory.empty()
            ? QString()
            : tr("Session folder: %1").arg(QString::fromStdString(s.sessionDirectory)));
}

}  // namespace tutti::gui
