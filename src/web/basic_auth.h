// HTTP basic authentication for the web admin port. The credentials come from the environment
// variable TUTTI_WEB_ADMIN_PASSWORD: "USER:PASSWORD", or a bare "PASSWORD" for the user "admin".
// Qt-free so the parsing is unit-tested on its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tutti::web {

inline constexpr const char* kPasswordVariable = "TUTTI_WEB_ADMIN_PASSWORD";
inline constexpr const char* kDefaultUser = "admin";

struct Credentials {
    std::string user;
    std::string password;
};

// nullopt for an unset or empty value; `error` set when the value is unusable (empty password
// or user).
std::optional<Credentials> credentialsFromVariable(const char* value, std::string& error);

// The user of an "Authorization: Basic ..." header value when it carries exactly `expected`;
// nullopt for anything else (missing, another scheme, bad base64, wrong user or password).
// The password comparison takes the same time wherever the offer differs.
std::optional<std::string> checkBasicAuth(std::string_view headerValue,
                                          const Credentials& expected);

}  // namespace tutti::web
