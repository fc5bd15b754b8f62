#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/connection_messages.h"

namespace tutti::simclient {

// Everything a simulated client observed, for tests to assert on.
struct SimRecord {
    // Ids of the messages the client's session handed up, in arrival order: connection messages
    // once each (no ACKN, no repeats, split messages as their original id) and connectionless
    // messages from the server.
    std::vector<std::uint16_t> receivedIds;
    // Connection messages whose payload failed validation, by id.
    std::vector<std::uint16_t> invalidIds;

    std::optional<std::uint8_t> clientId;
    std::optional<std::vector<protocol::ClientListEntry>> clientList;  // the latest one
    std::size_t clientListUpdates = 0;
    std::vector<std::string> chatTexts;
    std::optional<std::vector<std::uint8_t>> levels;  // the latest level list
    std::size_t levelListCount = 0;
    std::vector<protocol::MuteStateChangedMsg> muteNotices;
    std::vector<std::uint16_t> serverJitterSizes;
    std::optional<std::string> serverVersion;
    std::optional<std::uint8_t> serverOs;
    std::optional<std::uint8_t> recorderState;
    std::optional<std::uint8_t> licence;
    std::optional<std::chrono::microseconds> lastPingRoundTrip;
    std::size_t serverFullCount = 0;
    bool disconnectedByServer = false;

    // Audio from the server.
    std::size_t audioDatagramsReceived = 0;
    std::size_t audioDatagramsWrongLength = 0;
    std::size_t framesDecoded = 0;
    std::size_t framesUndecodable = 0;
    std::size_t sequenceGaps = 0;   // frames missing according to the sequence bytes
    std::vector<std::int16_t> pcm;  // decoded audio, interleaved with pcmChannels channels
    int pcmChannels = 1;

    std::size_t audioDatagramsSent = 0;
};

}  // namespace tutti::simclient
