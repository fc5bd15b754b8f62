// The command layer's desktop-window operations (issue 11): where the server says it is, delay
// panning and the directory's persistence file, all changeable while the server runs.
#include "protocol/utf16_length.h"
#include "src/control/command_layer.h"

namespace tutti::control {

namespace {

constexpr std::size_t kCityUnits = 20;  // as -o and directories allow
constexpr int kLastQt5Country = 261;    // Qt 5's numbering ends here

}  // namespace

void CommandLayer::setServerLocation(const std::string& city, int countryId) {
    // An unknown country keeps the current one rather than sending a number clients cannot show.
    const int country = countryId >= 0 && countryId <= kLastQt5Country
                            ? countryId
                            : ports_.directory.serverCountryId();
    ports_.directory.setServerLocation(protocol::cutToUtf16Length(city, kCityUnits), country);
    // Kept in the configuration database like the name, so a restart or reload keeps it.
    rememberSetting(admin::setting::kServerCity, ports_.directory.serverCity());
    rememberSetting(admin::setting::kServerCountry,
                    std::to_string(ports_.directory.serverCountryId()));
}

bool CommandLayer::delayPanning() const {
    return ports_.engine.delayPanning();
}

void CommandLayer::setDelayPanning(bool on) {
    ports_.engine.setDelayPanning(on);
}

std::string CommandLayer::directoryFile() const {
    return ports_.directory.directoryFile();
}

CommandResult CommandLayer::setDirectoryFile(const std::string& path) {
    if (std::string problem = ports_.directory.setDirectoryFile(path); !problem.empty()) {
        return {CommandError::Failed, std::move(problem)};
    }
    return {};
}

}  // namespace tutti::control
