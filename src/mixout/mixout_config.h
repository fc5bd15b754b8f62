#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tutti::mixout {

// What --mixout and --mixoutchannels ask for.
struct MixOutConfig {
    enum class Backend { Jack, Alsa };
    Backend backend = Backend::Jack;
    std::string name;         // JACK client name ("tutti") or ALSA device ("default")
    bool perChannel = false;  // JACK only: one port per channel, named after the client
    int maxChannels = 10;
    std::string inputName;  // JACK only: input ports NAME_left/NAME_right join every mix
};

// "jack", "jack:NAME", "alsa", "alsa:DEVICE"; nullopt and `error` set for anything else, and
// for a back end whose module cannot be loaded.
std::optional<MixOutConfig> parseMixOutSpec(std::string_view spec, std::string& error);

// Whether the back end's module loads (see mixout_module_loader.h).
bool backendAvailable(MixOutConfig::Backend backend);

}  // namespace tutti::mixout
