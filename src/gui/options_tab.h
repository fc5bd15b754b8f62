// "Options": recording directory (with its error), custom directory address, server list file,
// delay panning and start minimised. Edits go straight to the command layer.
#pragma once

#include <QWidget>

#include "src/control/operator_api.h"

class QCheckBox;
class QLabel;
class QLineEdit;

namespace tutti::gui {

class OptionsTab : public QWidget {
    Q_OBJECT
  public:
    OptionsTab(control::OperatorApi& api, QWidget* parent = nullptr);

    void refresh();
    void showRecorder(const control::RecorderStatus& status);

    QLineEdit* recordingDir() const { return recordingDir_; }
    QLabel* recordingError() const { return recordingError_; }
    QLineEdit* customDirectory() const { return customDirectory_; }
    QLineEdit* directoryFile() const { return directoryFile_; }
    QLabel* directoryFileError() const { return directoryFileError_; }
    QCheckBox* delayPanning() const { return delayPanning_; }
    QCheckBox* startMinimized() const { return startMinimized_; }

  signals:
    // The custom address changed the server's directory (Server Setup shows the new status).
    void directoryChanged();

  private:
    void applyRecordingDir(const QString& dir);
    void applyCustomDirectory();
    void applyDirectoryFile(const QString& path);

    control::OperatorApi& api_;
    QLineEdit* recordingDir_;
    QLabel* recordingError_;
    QLineEdit* customDirectory_;
    QLineEdit* directoryFile_;
    QLabel* directoryFileError_;
    QCheckBox* delayPanning_;
    QCheckBox* startMinimized_;
};

}  // namespace tutti::gui
