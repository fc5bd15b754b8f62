#pragma once

#include "src/mixout/mixout_module_abi.h"

// Compiled into each module only: defines the exported entry point around `create`. Everything
// else in a module is hidden (-fvisibility=hidden, --exclude-libs), so a module cannot interpose
// on the server's own symbols or another module's.
#define TUTTI_DEFINE_MIXOUT_MODULE(backendName, createFn)                                     \
    extern "C" __attribute__((visibility("default"))) const TuttiMixOutModule*                \
    tutti_mixout_module() {                                                                   \
        static const TuttiMixOutModule module{tutti::mixout::kMixOutModuleAbi,                \
                                              TUTTI_VERSION_STRING, backendName,              \
                                              tutti::mixout::MixOutModuleLayout{}, createFn}; \
        return &module;                                                                       \
    }
