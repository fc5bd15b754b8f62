#include "src/mixout/mixout_config.h"

#include "src/mixout/mixout_module_loader.h"

namespace tutti::mixout {

std::optional<MixOutConfig> parseMixOutSpec(std::string_view spec, std::string& error) {
    const std::size_t colon = spec.find(':');
    const std::string_view kind = spec.substr(0, colon);
    const std::string_view name =
        colon == std::string_view::npos ? std::string_view{} : spec.substr(colon + 1);
    MixOutConfig c;
    if (kind == "jack") {
        c.backend = MixOutConfig::Backend::Jack;
        c.name = name.empty() ? "tutti" : std::string(name);
        // JACK client names are at most 63 bytes; a colon would split a port name.
        if (c.name.size() > 63 || c.name.find(':') != std::string::npos) {
            error = "JACK client name must be 1-63 characters without ':'";
            return std::nullopt;
        }
    } else if (kind == "alsa") {
        c.backend = MixOutConfig::Backend::Alsa;
        // ALSA device names contain colons themselves ("plughw:1,0"): take the rest as is.
        c.name = name.empty() ? "default" : std::string(name);
    } else {
        error = "expected jack[:CLIENTNAME] or alsa[:DEVICE]";
        return std::nullopt;
    }
    // The back end is a module (tutti-mixout-jack.so, tutti-mixout-alsa.so): loading it here
    // turns a missing package or library into a start-up error instead of a silent stream.
    std::string moduleError;
    if (loadMixOutModule(c.backend, moduleError) == nullptr) {
        error = moduleError;
        return std::nullopt;
    }
    return c;
}

bool backendAvailable(MixOutConfig::Backend backend) {
    std::string error;
    return loadMixOutModule(backend, error) != nullptr;
}

}  // namespace tutti::mixout
