#include "src/gui/chat_panel.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace tutti::gui {

ChatPanel::ChatPanel(control::OperatorApi& api, QWidget* parent)
    : QWidget(parent),
      api_(api),
      history_(new QTextBrowser),
      input_(new QLineEdit),
      send_(new QPushButton(tr("Send"))) {
    history_->setOpenExternalLinks(true);
    input_->setPlaceholderText(tr("Message to everyone (sent as the server)"));
    input_->setMaxLength(1600);
    auto* row = new QHBoxLayout;
    row->addWidget(input_, 1);
    row->addWidget(send_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(history_, 1);
    layout->addLayout(row);
    connect(send_, &QPushButton::clicked, this, [this] { sendLine(); });
    connect(input_, &QLineEdit::returnPressed, this, [this] { sendLine(); });
}

void ChatPanel::sendLine() {
    const QString text = input_->text().trimmed();
    if (text.isEmpty()) {
        return;
    }
    // The server's own line comes back as chatMessage(-1, ...), which shows it.
    if (api_.broadcastChat(text.toStdString()) == control::CommandError::None) {
        input_->clear();
    }
}

void ChatPanel::append(int id, const QString& html) {
    // Client lines arrive already formatted and escaped by the server; the operator's own text
    // is shown as typed (it may be HTML on purpose, as it is sent).
    history_->append(id < 0 ? tr("<b>Server:</b> %1").arg(html) : html);
}

}  // namespace tutti::gui
