#include "src/app/mixout_host.h"

namespace tutti::app {

MixOutHost::MixOutHost(const mixout::MixOutConfig& config, int tickSamples,
                       mixout::MixOut::LogFn log, const control::OperatorApi& clients)
    : mixOut_(config, tickSamples, std::move(log)),
      clients_(clients),
      perChannel_(config.perChannel) {
    // Often enough that a returning JACK server is found within the back-off's own delay and a
    // new client's port gets its name promptly; cheap when nothing changes.
    timer_.setInterval(250);
    QObject::connect(&timer_, &QTimer::timeout, [this] { poll(); });
}

void MixOutHost::start() {
    poll();
    timer_.start();
}

void MixOutHost::stop() {
    timer_.stop();
    mixOut_.stop();
}

void MixOutHost::poll() {
    if (perChannel_) {
        std::vector<std::pair<int, std::string>> names;
        for (const control::ClientInfo& c : clients_.clients()) {
            names.emplace_back(c.id, c.name);
        }
        mixOut_.setChannelNames(names);
    }
    mixOut_.poll();
}

control::MixOutStatus MixOutHost::status() const {
    const mixout::MixOutState s = mixOut_.state();
    control::MixOutStatus out;
    out.configured = true;
    out.running = s.running;
    out.backend = s.backend;
    out.device = s.device;
    out.error = s.error;
    out.overruns = s.overruns;
    out.underruns = s.underruns;
    out.driftCorrections = s.corrections;
    out.input = s.input;
    out.inputOverruns = s.inputOverruns;
    out.inputUnderruns = s.inputUnderruns;
    out.inputDriftCorrections = s.inputCorrections;
    return out;
}

}  // namespace tutti::app
