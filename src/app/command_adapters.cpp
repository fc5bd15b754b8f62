#include "src/app/command_adapters.h"

#include "src/directory/qt5_countries.h"
#include "src/directory/registration_status.h"

namespace tutti::app {

namespace {
constexpr auto kRelaxed = std::memory_order_relaxed;
}

std::vector<control::ClientInfo> ClientsAdapter::clients() const {
    const ServerCore& core = runtime_.core();
    const engine::RtLink& link = runtime_.link();
    const auto now = ServerCore::Clock::now();
    std::vector<control::ClientInfo> out;
    for (int i = 0; i < core.maxChannels(); ++i) {
        const server::ControlChannel& ch = core.channel(i);
        if (!ch.connected) {
            continue;
        }
        control::ClientInfo c;
        c.id = i;
        c.address = ch.address.toString();
        c.ip = ch.address.ipText();
        c.name = ch.profile.name;
        c.instrumentCode = static_cast<int>(ch.profile.instrument);
        c.city = ch.profile.city;
        c.countryCode = ch.profile.country;
        c.countryName = std::string(directory::qt5CountryName(ch.profile.country));
        c.skillLevelCode = ch.profile.skill;
        c.channels = ch.props ? ch.props->channels : 1;
        c.jitterBufferSize = link.figures[i].jitterBufferSize.load(kRelaxed);
        c.level = link.figures[i].level.load(kRelaxed);
        c.connectedSeconds =
            std::chrono::duration_cast<std::chrono::seconds>(now - ch.connectedAt).count();
        out.push_back(std::move(c));
    }
    return out;
}

void ClientsAdapter::broadcastChat(const std::string& text) {
    runtime_.core().broadcastChat(text, ServerCore::Clock::now());
}

bool ClientsAdapter::sendChat(int id, const std::string& text) {
    return runtime_.core().sendChat(id, text, ServerCore::Clock::now());
}

bool ClientsAdapter::kick(int id, const std::string& reason) {
    return runtime_.core().kick(id, reason, ServerCore::Clock::now());
}

std::string ClientsAdapter::welcomeMessage() const {
    return runtime_.core().welcomeMessage();
}

void ClientsAdapter::setWelcomeMessage(const std::string& text) {
    runtime_.core().setWelcomeMessage(text);
}

control::RecorderStatus RecorderAdapter::convert(const recorder::RecorderStatusInfo& s) {
    control::RecorderStatus r;
    r.initialised = s.initialised;
    r.enabled = s.enabled;
    r.recording = s.recording;
    r.errorMessage = s.errorMessage;
    r.recordingDirectory = s.directory;
    r.sessionDirectory = s.sessionFolder;
    return r;
}

control::RecorderStatus RecorderAdapter::status() const {
    const recorder::RecorderControl* r = runtime_.recorder();
    return r != nullptr ? convert(r->status()) : control::RecorderStatus{};
}

void RecorderAdapter::setEnabled(bool on) {
    if (recorder::RecorderControl* r = runtime_.recorder()) {
        r->setEnabled(on);
    }
}

void RecorderAdapter::toggleEnabled() {
    if (recorder::RecorderControl* r = runtime_.recorder()) {
        r->toggleEnabled();
    }
}

void RecorderAdapter::newSession() {
    if (recorder::RecorderControl* r = runtime_.recorder()) {
        r->newSession();
    }
}

void RecorderAdapter::setDirectory(const std::string& directory) {
    if (recorder::RecorderControl* r = runtime_.recorder()) {
        r->setDirectory(directory);
    }
}

std::string DirectoryAdapter::registrationStatusKey() const {
    return std::string(directory::statusKey(host_.status()));
}

control::EngineStatistics EngineAdapter::statistics() const {
    control::EngineStatistics s;
    const engine::RtCounters& c = runtime_.counters();
    s.ticks = c.ticks.load(kRelaxed);
    s.lateTicks = c.lateTicks.load(kRelaxed);
    s.datagramsReceived = c.datagramsReceived.load(kRelaxed);
    s.datagramsDropped =
        c.droppedInboundQueueFull.load(kRelaxed) + c.droppedAudioQueueFull.load(kRelaxed) +
        c.droppedOversized.load(kRelaxed) + c.droppedWrongSize.load(kRelaxed) +
        c.droppedAudioOnProtocolSocket.load(kRelaxed) + runtime_.core().droppedProtocolDatagrams();
    s.bytesReceived = c.bytesReceived.load(kRelaxed);
    s.datagramsSent = c.mixDatagramsSent.load(kRelaxed) + c.controlDatagramsSent.load(kRelaxed);
    s.bytesSent = c.mixBytesSent.load(kRelaxed) + c.controlBytesSent.load(kRelaxed);
    s.decodeErrors = c.decodeErrors.load(kRelaxed);
    s.concealedFrames = c.concealedFrames.load(kRelaxed);
    s.rateLimitDrops = runtime_.core().rateLimitDrops();
    s.floodHandovers = c.floodHandovers.load(kRelaxed);
    if (const engine::MixEngine* m = runtime_.mixer()) {
        const engine::EngineStats& e = m->stats();
        s.tickPeriodNs = e.tickPeriodNs.load(kRelaxed);
        s.tickWorkNsTotal = e.tickWorkNsTotal.load(kRelaxed);
        for (const auto& bucket : e.tickDuration) {
            s.tickDurationBuckets.push_back(bucket.load(kRelaxed));
        }
        s.worstTickNs = e.worstTickNs.load(kRelaxed);
        s.worstDeadlineToSendNs = e.worstDeadlineToSendNs.load(kRelaxed);
        s.encodes = e.encodes.load(kRelaxed);
        s.sharedEncodeSends = e.sharedEncodeSends.load(kRelaxed);
        s.maxEncodesPerTick = e.maxEncodesPerTick.load(kRelaxed);
        s.workerThreads = e.workerThreads.load(kRelaxed);
        s.realtimeScheduling = e.realtimeScheduling.load(kRelaxed);
    }
    const ServerCore& core = runtime_.core();
    const engine::RtLink& link = runtime_.link();
    for (int i = 0; i < core.maxChannels(); ++i) {
        if (!core.channel(i).connected) {
            continue;
        }
        const engine::ChannelFigures& f = link.figures[i];
        control::ClientStatistics cs;
        cs.id = i;
        cs.packetsReceived = f.packetsReceived.load(kRelaxed);
        cs.packetsLost = f.packetsLost.load(kRelaxed);
        cs.packetsLate = f.packetsLate.load(kRelaxed);
        cs.packetsSent = f.datagramsSent.load(kRelaxed);
        cs.jitterBufferSize = f.jitterBufferSize.load(kRelaxed);
        s.clients.push_back(cs);
    }
    return s;
}

std::vector<control::ChannelLevel> EngineAdapter::levels() const {
    std::vector<control::ChannelLevel> out;
    const ServerCore& core = runtime_.core();
    for (int i = 0; i < core.maxChannels(); ++i) {
        if (core.channel(i).connected) {
            out.push_back({i, runtime_.link().figures[i].level.load(kRelaxed)});
        }
    }
    return out;
}

}  // namespace tutti::app
