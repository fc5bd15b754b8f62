#pragma once

#include <string>

#include "src/mixout/mixout_config.h"
#include "src/mixout/mixout_module_abi.h"

namespace tutti::mixout {

// "tutti-mixout-jack.so" / "tutti-mixout-alsa.so".
std::string mixOutModuleFile(MixOutConfig::Backend backend);

// Where the server looks for the modules: $TUTTI_MIXOUT_MODULE_DIR when set (tests); else the
// build directory when this executable runs from it; else the installed location
// (<libdir>/tutti, /usr/lib/<multiarch>/tutti in the Debian package).
std::string mixOutModuleDir();

// Loads `dir`/<module file> and checks that it was built for this server. Never unloaded: the
// devices it creates run its code until the process ends. nullptr and `error` set on failure.
const TuttiMixOutModule* loadMixOutModuleFrom(const std::string& dir, MixOutConfig::Backend backend,
                                              std::string& error);

// The same from mixOutModuleDir(), once per process and back end (control thread only).
const TuttiMixOutModule* loadMixOutModule(MixOutConfig::Backend backend, std::string& error);

}  // namespace tutti::mixout
