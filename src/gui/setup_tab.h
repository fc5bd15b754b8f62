// "Server Setup": the directory and its registration status, the server's name and location,
// the jam recorder and the welcome message. Edits go straight to the command layer.
#pragma once

#include <QWidget>

#include "src/control/operator_api.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tutti::gui {

class SetupTab : public QWidget {
    Q_OBJECT
  public:
    SetupTab(control::OperatorApi& api, QWidget* parent = nullptr);

    // Shows the server's current state; fields being edited keep what the user typed.
    void refresh();
    void showRecorder(const control::RecorderStatus& status);
    void showRegistration(const control::ServerProfile& profile);

    QComboBox* directory() const { return directory_; }
    QLabel* registration() const { return registration_; }
    QLineEdit* name() const { return name_; }
    QLineEdit* city() const { return city_; }
    QComboBox* country() const { return country_; }
    QCheckBox* recorderEnabled() const { return recorderEnabled_; }
    QPushButton* newRecording() const { return newRecording_; }
    QLabel* recorderStatus() const { return recorderStatus_; }
    QLabel* sessionFolder() const { return sessionFolder_; }
    QPlainTextEdit* welcome() const { return welcome_; }

  private:
    void applyDirectory();
    void applyLocation();

    control::OperatorApi& api_;
    QComboBox* directory_;
    QLabel* registration_;
    QLineEdit* name_;
    QLineEdit* city_;
    QComboBox* country_;
    QCheckBox* recorderEnabled_;
    QPushButton* newRecording_;
    QLabel* recorderStatus_;
    QLabel* sessionFolder_;
    QPlainTextEdit* welcome_;
};

// The recorder's state as upstream's window words it.
QString recorderStateText(const control::RecorderStatus& status, bool anyClient);

}  // namespace tutti::gui
