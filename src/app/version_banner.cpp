#include "version_banner.h"

namespace tutti::app {

std::vector<std::string> versionBannerLines(std::string_view version) {
    return {
        " *** Tutti, Version " + std::string(version),
        " *** Low-latency Jamulus-compatible jam server",
        " *** This program is free software under the GNU General Public License,",
        " *** version 2 or (at your option) any later version (GPL-2.0-or-later).",
        " *** It comes with ABSOLUTELY NO WARRANTY.",
        " *** Audio coding by the Opus codec (https://opus-codec.org).",
        " *** Copyright (C) The Tutti contributors",
    };
}

}  // namespace tutti::app
