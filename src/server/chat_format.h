#pragma once

#include <ctime>
#include <string>

namespace tutti::server {

// The line every client receives for a chat message from channel `channel` (PROTOCOL.md 10.1):
// <font color="C">(hh:mm:ss AP) <b>NAME</b></font> TEXT, with the server's local time.
std::string formatChatLine(int channel, const std::string& name, const std::string& text,
                           std::time_t when);

// The welcome chat line; the prefix matters because clients open their chat window on it.
std::string formatWelcome(const std::string& welcomeMessage);

}  // namespace tutti::server
