// The connected clients: upstream's four columns (address, name, jitter buffer, channels) plus a
// live level meter and the network quality (lost / late packets) from the engine statistics.
#pragma once

#include <QTableWidget>
#include <vector>

#include "src/control/operator_api.h"

namespace tutti::gui {

class ClientTable : public QTableWidget {
    Q_OBJECT
  public:
    enum Column { Address, Name, JitterBuffer, Channels, Level, Network, ColumnCount };

    explicit ClientTable(QWidget* parent = nullptr);

    // Rows in the order of `clients`; statistics and levels are matched by id.
    void update(const std::vector<control::ClientInfo>& clients,
                const control::EngineStatistics& stats,
                const std::vector<control::ChannelLevel>& levels);
    // The channel id of the selected row, -1 when none.
    int selectedClientId() const;
    // The channel id shown in `row`.
    int clientId(int row) const;
};

}  // namespace tutti::gui
