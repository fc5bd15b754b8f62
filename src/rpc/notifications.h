// The notification lines of JSONRPC.md section 5, plus Tutti's own (sent only to connections that
// called tutti/subscribeEvents). Each returns compact JSON text without the newline.
#pragma once

#include <string>

#include "src/control/operator_api.h"

namespace tutti::rpc {

std::string clientConnectedNotification(int id, const std::string& ip, int totalChannels);
std::string clientDisconnectedNotification(int id);
std::string chatMessageReceivedNotification(int id, const std::string& html);

std::string clientProfileChangedNotification(int id);
std::string registrationStatusChangedNotification(const std::string& statusKey);
std::string recordingStateChangedNotification(const control::RecorderStatus& status);

}  // namespace tutti::rpc
