#include "src/directory/registration_status.h"

namespace tutti::directory {

std::string_view statusKey(RegistrationStatus s) {
    switch (s) {
        case RegistrationStatus::NotRegistered:
            return "not_registered";
        case RegistrationStatus::BadAddress:
            return "bad_address";
        case RegistrationStatus::Requested:
            return "requested";
        case RegistrationStatus::TimeOut:
            return "time_out";
        case RegistrationStatus::UnknownResponse:
            return "unknown_resp";
        case RegistrationStatus::Registered:
            return "registered";
        case RegistrationStatus::ListFull:
            return "directory_server_full";
        case RegistrationStatus::VersionTooOld:
            return "server_version_too_old";
        case RegistrationStatus::RequirementsNotFulfilled:
            return "requirements_not_fulfilled";
    }
    return "not_registered";
}

std::string_view statusText(RegistrationStatus s) {
    switch (s) {
        case RegistrationStatus::NotRegistered:
            return "Not registered";
        case RegistrationStatus::BadAddress:
            return "Bad address";
        case RegistrationStatus::Requested:
            return "Registration requested";
        case RegistrationStatus::TimeOut:
            return "Registration failed";
        case RegistrationStatus::UnknownResponse:
            return "Check server version";
        case RegistrationStatus::Registered:
            return "Registered";
        case RegistrationStatus::ListFull:
            return "Server list full at directory";
        case RegistrationStatus::VersionTooOld:
            return "Your server version is too old";
        case RegistrationStatus::RequirementsNotFulfilled:
            return "Requirements not fulfilled";
    }
    return "Not registered";
}

RegistrationStatus statusFromResponse(uint8_t value) {
    switch (value) {
        case 0:
            return RegistrationStatus::Registered;
        case 1:
            return RegistrationStatus::ListFull;
        case 2:
            return RegistrationStatus::VersionTooOld;
        case 3:
            return RegistrationStatus::RequirementsNotFulfilled;
        default:
            return RegistrationStatus::UnknownResponse;
    }
}

}  // namespace tutti::directory
