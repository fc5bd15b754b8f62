#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "audio/opus_codec.h"
#include "protocol/session.h"
#include "tools/loadgen/arrival_stats.h"

namespace tutti::loadgen {

using Clock = std::chrono::steady_clock;

// Everything one simulated client knows: its protocol session, where its audio pacing stands,
// what the server told it, and what it saw of its mix. Plain data; the jobs that change it are
// PacedSender, ClientConversation and MixReceiver.
struct LoadClient {
    int index = 0;
    int voice = 0;
    protocol::Session session;

    // Pacing.
    Clock::time_point joinAt{};
    Clock::time_point nextSend{};
    bool started = false;
    bool sendingAudio = true;
    std::optional<Clock::time_point> firstSendAt;
    bool sequenceOn = false;
    std::uint8_t nextSequence = 0;
    std::uint64_t frameIndex = 0;

    // Conversation.
    int channelId = -1;
    std::vector<std::uint8_t> channelIds;  // from the latest CONN_CLIENTS_LIST
    bool mover = false;
    Clock::time_point nextFaderMove = Clock::time_point::max();
    Clock::time_point nextFaderStep = Clock::time_point::max();
    int faderStepsLeft = 0;
    int faderSource = -1;
    int faderRound = 0;

    // What arrived.
    std::optional<Clock::time_point> firstMixAt;
    MixArrivals mixes;
    std::uint64_t wrongSize = 0;
    std::uint64_t serverFull = 0;
    std::unique_ptr<audio::OpusDecoder> decoder;  // with --decode-check
    std::uint64_t framesDecoded = 0;
    std::uint64_t decodeErrors = 0;
    std::uint64_t silentFrames = 0;
};

}  // namespace tutti::loadgen
