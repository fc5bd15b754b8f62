// Registration status values (JSONRPC.md 6.2), shared by the log, JSON-RPC and a future GUI.
#pragma once

#include <cstdint>
#include <string_view>

namespace tutti::directory {

enum class RegistrationStatus {
    NotRegistered,
    BadAddress,
    Requested,
    TimeOut,
    UnknownResponse,
    Registered,
    ListFull,
    VersionTooOld,
    RequirementsNotFulfilled,
};

// JSON-RPC `registrationStatus` string, e.g. "directory_server_full".
std::string_view statusKey(RegistrationStatus s);
// What follows "Server Registration Status update: ", e.g. "Server list full at directory".
std::string_view statusText(RegistrationStatus s);
// CLM_REGISTER_SERVER_RESP value (PROTOCOL.md 12.3) -> status; unknown values -> UnknownResponse.
RegistrationStatus statusFromResponse(uint8_t value);

}  // namespace tutti::directory
