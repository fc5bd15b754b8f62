// The chat as clients see it, and a line to send to everyone as the server.
#pragma once

#include <QWidget>

#include "src/control/operator_api.h"

class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace tutti::gui {

class ChatPanel : public QWidget {
    Q_OBJECT
  public:
    ChatPanel(control::OperatorApi& api, QWidget* parent = nullptr);

    // A line that reached everyone: a client's (HTML as relayed) or the server's (id -1).
    void append(int id, const QString& html);

    QTextBrowser* history() const { return history_; }
    QLineEdit* input() const { return input_; }
    QPushButton* send() const { return send_; }

  private:
    void sendLine();

    control::OperatorApi& api_;
    QTextBrowser* history_;
    QLineEdit* input_;
    QPushButton* send_;
};

}  // namespace tutti::gui
