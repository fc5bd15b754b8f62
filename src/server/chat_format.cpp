#include "src/server/chat_format.h"

#include "protocol/html_escape.h"

namespace tutti::server {

std::string formatChatLine(int channel, const std::string& name, const std::string& text,
                           std::time_t when) {
    static const char* const kColors[] = {"mediumblue", "red",    "darkorchid",
                                          "green",      "maroon", "coral"};
    std::tm local{};
    localtime_r(&when, &local);
    char time[32];
    // %p depends on the locale; the C locale every server process runs with gives AM/PM.
    std::strftime(time, sizeof(time), "%I:%M:%S %p", &local);
    return std::string("<font color=\"") + kColors[channel % 6] + "\">(" + time + ") <b>" +
           protocol::escapeHtml(name) + "</b></font> " + protocol::escapeHtml(text);
}

std::string formatWelcome(const std::string& welcomeMessage) {
    return "<b>Server Welcome Message:</b> " + welcomeMessage;
}

}  // namespace tutti::server
