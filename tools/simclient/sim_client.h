#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audio/opus_codec.h"
#include "protocol/session.h"
#include "tools/simclient/pcm_source.h"
#include "tools/simclient/sim_client_config.h"
#include "tools/simclient/sim_record.h"
#include "tools/simclient/udp_endpoint.h"

namespace tutti::simclient {

using Clock = std::chrono::steady_clock;

// A Jamulus 3.9.1-like client without sound card or GUI, for integration and load tests.
// It streams real Opus custom frames from a PcmSource, plays the client side of the protocol
// conversation, and records what it receives (messages and decoded audio).
//
// Single-threaded and driven by the caller: step()/runFor() (or runClients() for several
// clients at once) send one audio datagram per frame period on an absolute-deadline schedule
// and process whatever arrives. No call blocks beyond the deadline it is given.
class SimClient {
  public:
    // Binds the socket and creates the codecs; throws on failure. Audio starts with the first
    // step, which is also what makes the server open a channel.
    explicit SimClient(SimClientConfig config,
                       std::unique_ptr<PcmSource> source = std::make_unique<SilenceSource>());
    ~SimClient();
    SimClient(const SimClient&) = delete;
    SimClient& operator=(const SimClient&) = delete;

    // --- driving
    void step(Clock::time_point deadline);
    void runFor(Clock::duration duration);
    // Runs until done() is true (checked after every event) or the timeout passes.
    bool runUntil(const std::function<bool()>& done, Clock::duration timeout);

    // Building blocks for driving many clients from one loop (see runClients()).
    int fd() const { return socket_.fd(); }
    Clock::time_point nextWakeup() const;
    void service(Clock::time_point now);  // never blocks

    // --- actions, as a user of a real client would trigger them
    void setGain(std::uint8_t channel, double gain);  // 0 .. ~2, linear
    void setPan(std::uint8_t channel, double pan);    // 0 left .. 0.5 centre .. 1 right
    void sendChat(const std::string& text);
    void setProfile(const SimProfile& profile);  // sends CHANNEL_INFOS
    void requestClientList();
    void sendPing();  // CLM_PING_MS; the echo sets record().lastPingRoundTrip
    void setSource(std::unique_ptr<PcmSource> source);
    void setSendAudio(bool on) { config_.sendAudio = on; }
    // Stops audio and, after `delay` (a real client waits ~100 ms so no late audio re-opens its
    // channel), sends CLM_DISCONNECTION; keep stepping for it to go out. Afterwards audio from
    // the server is answered with CLM_DISCONNECTION, as a stopped 3.x client does.
    void disconnect(std::chrono::milliseconds delay = std::chrono::milliseconds(100));
    bool stopped() const { return stopped_; }

    // Lower level, for tests of odd traffic.
    void sendRaw(std::span<const std::uint8_t> datagram);
    void sendMessage(std::uint16_t id, std::span<const std::uint8_t> payload);  // via the session
    template <typename Msg>
    void send(const Msg& message) {
        const auto payload = message.encode();
        sendMessage(Msg::kId, payload);
    }

    // --- observations
    const SimRecord& record() const { return record_; }
    SimRecord& record() { return record_; }
    void clearPcm() { record_.pcm.clear(); }
    std::uint16_t localPort() const { return socket_.localPort(); }
    bool sequenceNumbersActive() const { return sequenceNumbersOn_; }
    bool connected() const { return receivedFirstAudio_; }  // audio from the server has arrived
    const SimClientConfig& config() const { return config_; }

  private:
    void handleDatagram(std::span<const std::uint8_t> datagram, Clock::time_point now);
    void handleMessage(std::uint16_t id, std::span<const std::uint8_t> payload,
                       Clock::time_point now);
    void handleAudio(std::span<const std::uint8_t> datagram, Clock::time_point now);
    void onFirstAudioFromServer(Clock::time_point now);
    void sendAudioDatagram();
    void sendTransportProps(Clock::time_point now);
    void sendChannelInfos(Clock::time_point now);
    void sendConnectionless(std::uint16_t id, std::span<const std::uint8_t> payload);
    void flushSession();
    void appendPcm(std::span<const std::int16_t> frame);

    SimClientConfig config_;
    std::unique_ptr<PcmSource> source_;
    UdpEndpoint socket_;
    sockaddr_in server_;
    std::unique_ptr<audio::OpusEncoder> encoder_;
    std::unique_ptr<audio::OpusDecoder> decoder_;
    protocol::Session session_;
    SimRecord record_;

    Clock::time_point nextAudio_{};
    std::optional<Clock::time_point> disconnectAt_;
    bool started_ = false;
    bool stopped_ = false;
    bool sequenceNumbersOn_ = false;
    bool receivedFirstAudio_ = false;
    std::uint8_t nextSequence_ = 0;
    std::optional<std::uint8_t> expectedServerSequence_;
    Clock::time_point epoch_;  // origin of the millisecond clock in pings

    std::vector<std::int16_t> pcmFrame_;
    std::vector<std::uint8_t> datagram_;
    std::vector<std::uint8_t> receiveBuffer_;
};

// Drives several clients from one thread until the deadline, sleeping in one ppoll on all
// their sockets, so each keeps its own frame clock.
void runClients(std::span<SimClient* const> clients, Clock::time_point deadline);
bool runClientsUntil(std::span<SimClient* const> clients, const std::function<bool()>& done,
                     Clock::duration timeout);

}  // namespace tutti::simclient
