#pragma once

#include <cstdint>
#include <span>

#include "tools/loadgen/load_client.h"
#include "tools/loadgen/load_options.h"

namespace tutti::loadgen {

// The protocol side of a simulated Jamulus 3.9.1 client: it answers the server's requests
// while joining, announces itself once its first mix arrives, sets a personal mix and moves
// faders. Everything goes into the client's session; the caller ships the session's outgoing
// datagrams.
class ClientConversation {
  public:
    ClientConversation(const LoadOptions& options, int codedBytes);

    void onMessage(LoadClient& c, std::uint16_t id, std::span<const std::uint8_t> payload,
                   Clock::time_point now);
    // A 3.x client's "new connection" event.
    void onFirstMix(LoadClient& c, Clock::time_point now);
    // Its own channel and the two after it in the client list, with gains and a pan that
    // depend on its channel id, so no two listeners' mixes have the same inputs.
    void sendDistinctMix(LoadClient& c, Clock::time_point now);
    // One step of a fader sweep (one message per 50 ms, as clients rate-limit gains); returns
    // whether a message went out.
    bool faderStep(LoadClient& c, Clock::time_point now);

    static constexpr auto kFaderStepInterval = std::chrono::milliseconds(50);
    static constexpr int kFaderSteps = 5;

  private:
    void sendTransportProps(LoadClient& c, Clock::time_point now);
    void sendChannelInfos(LoadClient& c, Clock::time_point now);

    const LoadOptions& o_;
    int codedBytes_;
};

}  // namespace tutti::loadgen
