#include "src/gui/client_table.h"

#include <QHeaderView>
#include <QProgressBar>
#include <algorithm>

namespace tutti::gui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kMaxLevel = 9;  // the protocol's level list runs 0..9

QString channelsText(int channels) {
    return channels >= 2 ? QStringLiteral("Stereo") : QStringLiteral("Mono");
}

void setText(QTableWidget* table, int row, int column, const QString& text) {
    QTableWidgetItem* item = table->item(row, column);
    if (item == nullptr) {
        item = new QTableWidgetItem;
        item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        table->setItem(row, column, item);
    }
    if (item->text() != text) {
        item->setText(text);
    }
}

}  // namespace

ClientTable::ClientTable(QWidget* parent) : QTableWidget(0, ColumnCount, parent) {
    setHorizontalHeaderLabels({tr("Client IP:Port"), tr("Name"), tr("Jitter Buffer Size"),
                               tr("Channels"), tr("Level"), tr("Lost / Late")});
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
}

void ClientTable::update(const std::vector<control::ClientInfo>& clients,
                         const control::EngineStatistics& stats,
                         const std::vector<control::ChannelLevel>& levels) {
    const int selected = selectedClientId();
    setRowCount(static_cast<int>(clients.size()));
    for (int row = 0; row < static_cast<int>(clients.size()); ++row) {
        const control::ClientInfo& c = clients[row];
        setText(this, row, Address, QString::fromStdString(c.address));
        item(row, Address)->setData(kIdRole, c.id);
        setText(this, row, Name, QString::fromStdString(c.name));
        setText(this, row, JitterBuffer, QString::number(c.jitterBufferSize));
        setText(this, row, Channels, channelsText(c.channels));

        int level = c.level;
        const auto lv = std::find_if(levels.begin(), levels.end(),
                                     [&](const control::ChannelLevel& l) { return l.id == c.id; });
        if (lv != levels.end()) {
            level = lv->level;
        }
        auto* meter = qobject_cast<QProgressBar*>(cellWidget(row, Level));
        if (meter == nullptr) {
            meter = new QProgressBar;
            meter->setRange(0, kMaxLevel);
            meter->setTextVisible(false);
            meter->setMaximumHeight(14);
            setCellWidget(row, Level, meter);
        }
        meter->setValue(std::clamp(level, 0, kMaxLevel));

        QString network = QStringLiteral("–");
        const auto st =
            std::find_if(stats.clients.begin(), stats.clients.end(),
                         [&](const control::ClientStatistics& s) { return s.id == c.id; });
        if (st != stats.clients.end()) {
            network = QStringLiteral("%1 / %2").arg(st->packetsLost).arg(st->packetsLate);
        }
        setText(this, row, Network, network);
        if (c.id == selected) {
            selectRow(row);
        }
    }
}

int ClientTable::clientId(int row) const {
    const QTableWidgetItem* it = item(row, Address);
    return it ? it->data(kIdRole).toInt() : -1;
}

int ClientTable::selectedClientId() const {
    const QList<QTableWidgetItem*> sel = selectedItems();
    return sel.isEmpty() ? -1 : clientId(sel.first()->row());
}

}  // namespace tutti::gui
