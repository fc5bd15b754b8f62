#pragma once

// Names the Jamulus jam recorder gives to folders and files (RECORDING.md sections 4, 5.1 and 7),
// as pure functions: tools such as jamexporter parse them, so they must match character for
// character.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace tutti::recorder {

// Latin-1 transliteration to [0-9A-Za-z_]: accented letters lose their accent, everything else
// (and anything outside Latin-1) becomes '_'. Input is UTF-8; invalid bytes count as outside.
std::string transliterate(std::string_view utf8);

// A client's name as it appears in file and track names: transliterated, padded with '_' to at
// least 4 characters.
std::string recordingName(std::string_view utf8Name);

// The client's address as file names show it: last IPv4 octet (IPv6 group) replaced by "x"
// unless loopback, then ":port" (IPv6 in brackets), then transliterated.
// `ip` is the plain IP text (IPv4-mapped addresses already shown as IPv4).
std::string recordingAddress(const std::string& ip, uint16_t port);

// "<NAME>-<ADDR>-<START>-<CH>.wav", or with "_<k>" before ".wav" when k > 0.
std::string wavFileName(const std::string& name, const std::string& address, uint64_t startFrame,
                        int channels, int k = 0);

// A track groups a client's items: "<NAME>-<ADDR>".
std::string trackName(const std::string& name, const std::string& address);

// "Jam-yyyyMMdd-HHmmsszzz" in UTC.
std::string sessionFolderName(std::chrono::system_clock::time_point when);

// Seconds of `frames` server frames of `frameSamples` samples, fixed with 14 decimals.
std::string frameSeconds(uint64_t frames, int frameSamples);

}  // namespace tutti::recorder
