#include "src/gui/options_tab.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace tutti::gui {

namespace {

void setIfIdle(QLineEdit* edit, const QString& text) {
    if (!edit->hasFocus() && edit->text() != text) {
        const QSignalBlocker block(edit);
        edit->setText(text);
    }
}

QLabel* errorLabel() {
    auto* l = new QLabel;
    l->setStyleSheet("color: red");
    l->setWordWrap(true);
    return l;
}

}  // namespace

OptionsTab::OptionsTab(control::OperatorApi& api, QWidget* parent)
    : QWidget(parent),
      api_(api),
      recordingDir_(new QLineEdit),
      recordingError_(errorLabel()),
      customDirectory_(new QLineEdit),
      directoryFile_(new QLineEdit),
      directoryFileError_(errorLabel()),
      delayPanning_(new QCheckBox(tr("Enable delay panning"))),
      startMinimized_(new QCheckBox(tr("Start minimised (in the system tray)"))) {
    recordingDir_->setPlaceholderText(tr("No recording directory: the recorder is off"));
    customDirectory_->setPlaceholderText(tr("host[:port] of a directory, for \"Custom\""));
    directoryFile_->setPlaceholderText(tr("Only used while this server is a directory"));

    auto* recBrowse = new QPushButton(tr("Browse..."));
    auto* recClear = new QPushButton(tr("Clear"));
    auto* recRow = new QHBoxLayout;
    recRow->addWidget(recordingDir_, 1);
    recRow->addWidget(recBrowse);
    recRow->addWidget(recClear);

    auto* fileBrowse = new QPushButton(tr("Browse..."));
    auto* fileClear = new QPushButton(tr("Clear"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(directoryFile_, 1);
    fileRow->addWidget(fileBrowse);
    fileRow->addWidget(fileClear);

    auto* form = new QFormLayout;
    form->addRow(tr("Recording Directory"), recRow);
    form->addRow(QString(), recordingError_);
    form->addRow(tr("Custom Directory address"), customDirectory_);
    form->addRow(tr("Server List Filename"), fileRow);
    form->addRow(QString(), directoryFileError_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(delayPanning_);
    layout->addWidget(startMinimized_);
    layout->addStretch(1);

    connect(recordingDir_, &QLineEdit::editingFinished, this,
            [this] { applyRecordingDir(recordingDir_->text()); });
    connect(recBrowse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Recording Directory"),
                                                              recordingDir_->text());
        if (!dir.isEmpty()) {
            recordingDir_->setText(dir);
            applyRecordingDir(dir);
        }
    });
    connect(recClear, &QPushButton::clicked, this, [this] {
        recordingDir_->clear();
        applyRecordingDir(QString());
    });
    connect(customDirectory_, &QLineEdit::editingFinished, this,
            [this] { applyCustomDirectory(); });
    connect(directoryFile_, &QLineEdit::editingFinished, this,
            [this] { applyDirectoryFile(directoryFile_->text()); });
    connect(fileBrowse, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, tr("Server List Filename"), directoryFile_->text());
        if (!f.isEmpty()) {
            directoryFile_->setText(f);
            applyDirectoryFile(f);
        }
    });
    connect(fileClear, &QPushButton::clicked, this, [this] {
        directoryFile_->clear();
        applyDirectoryFile(QString());
    });
    connect(delayPanning_, &QCheckBox::toggled, this, [this](bool on) {
        api_.setDelayPanning(on);
        const QSignalBlocker block(delayPanning_);
        delayPanning_->setChecked(api_.delayPanning());
    });
    refresh();
}

void OptionsTab::applyRecordingDir(const QString& dir) {
    api_.setRecordingDirectory(dir.trimmed().toStdString());
    showRecorder(api_.recorderStatus());
}

void OptionsTab::applyCustomDirectory() {
    const control::ServerProfile p = api_.serverProfile();
    const std::string address = customDirectory_->text().trimmed().toStdString();
    if (address == p.directoryAddress) {
        return;
    }
    // The address belongs to the Custom type: it takes effect at once only while Custom is
    // chosen (an empty one then means no directory), else it is kept for later.
    if (p.directoryType == control::DirectoryType::Custom && !address.empty()) {
        api_.setDirectory(control::DirectoryType::Custom, address);
    } else if (p.directoryType == control::DirectoryType::Custom) {
        api_.setDirectory(control::DirectoryType::None, "");
    } else {
        // Store it without leaving the current type: set Custom's address, then go back.
        api_.setDirectory(p.directoryType, address);
    }
    emit directoryChanged();
}

void OptionsTab::applyDirectoryFile(const QString& path) {
    const control::CommandResult r = api_.setDirectoryFile(path.trimmed().toStdString());
    directoryFileError_->setText(r.ok() ? QString() : QString::fromStdString(r.message));
}

void OptionsTab::refresh() {
    setIfIdle(customDirectory_, QString::fromStdString(api_.serverProfile().directoryAddress));
    setIfIdle(directoryFile_, QString::fromStdString(api_.directoryFile()));
    {
        const QSignalBlocker block(delayPanning_);
        delayPanning_->setChecked(api_.delayPanning());
    }
    showRecorder(api_.recorderStatus());
}

void OptionsTab::showRecorder(const control::RecorderStatus& s) {
    setIfIdle(recordingDir_, QString::fromStdString(s.recordingDirectory));
    recordingError_->setText(QString::fromStdString(s.errorMessage));
}

}  // namespace tutti::gui
