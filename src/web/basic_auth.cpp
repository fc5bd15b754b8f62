#include "src/web/basic_auth.h"

#include <cctype>

#include "src/directory/base64.h"
#include "src/rpc/secret_compare.h"

namespace tutti::web {

std::optional<Credentials> credentialsFromVariable(const char* value, std::string& error) {
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    const std::string_view text(value);
    Credentials c;
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
        c.user = kDefaultUser;
        c.password = std::string(text);
    } else {
        c.user = std::string(text.substr(0, colon));
        c.password = std::string(text.substr(colon + 1));
    }
    if (c.user.empty() || c.password.empty()) {
        error = std::string(kPasswordVariable) +
                " must be PASSWORD or USER:PASSWORD with neither part empty";
        return std::nullopt;
    }
    return c;
}

std::optional<std::string> checkBasicAuth(std::string_view headerValue,
                                          const Credentials& expected) {
    constexpr std::string_view kScheme = "basic";
    if (headerValue.size() <= kScheme.size()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(headerValue[i])) != kScheme[i]) {
            return std::nullopt;
        }
    }
    std::string_view token = headerValue.substr(kScheme.size());
    if (token.front() != ' ') {
        return std::nullopt;
    }
    while (!token.empty() && token.front() == ' ') {
        token.remove_prefix(1);
    }
    while (!token.empty() && token.back() == ' ') {
        token.remove_suffix(1);
    }
    const std::optional<std::string> decoded = directory::base64Decode(token);
    if (!decoded) {
        return std::nullopt;
    }
    const std::size_t colon = decoded->find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    const std::string_view user = std::string_view(*decoded).substr(0, colon);
    const std::string_view password = std::string_view(*decoded).substr(colon + 1);
    // Both parts are checked every time, so the timing does not tell which one was wrong.
    const bool userOk = rpc::secretMatches(user, expected.user);
    const bool passwordOk = rpc::secretMatches(password, expected.password);
    if (!userOk || !passwordOk) {
        return std::nullopt;
    }
    return std::string(user);
}

}  // namespace tutti::web
