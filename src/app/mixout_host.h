// Live mix out (issue 14) hung into the server: the MixOut the mix thread feeds, polled on the
// control thread (reconnects, per-channel port names, log lines), and its status for the
// command layer.
#pragma once

#include <QTimer>
#include <memory>

#include "src/control/mixout_port.h"
#include "src/control/operator_api.h"
#include "src/mixout/mix_out.h"

namespace tutti::app {

class MixOutHost : public control::MixOutPort {
  public:
    // `clients` gives the connected clients' names for per-channel ports.
    MixOutHost(const mixout::MixOutConfig& config, int tickSamples, mixout::MixOut::LogFn log,
               const control::OperatorApi& clients);

    engine::MixOutSink* sink() { return mixOut_.sink(); }
    engine::ExternalInput* externalInput() { return mixOut_.externalInput(); }
    void start();  // after the mix thread runs
    void stop();   // after the mix thread stopped
    control::MixOutStatus status() const override;

  private:
    void poll();

    mixout::MixOut mixOut_;
    const control::OperatorApi& clients_;
    const bool perChannel_;
    QTimer timer_;
};

}  // namespace tutti::app
