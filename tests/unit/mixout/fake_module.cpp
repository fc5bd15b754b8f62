// A module the server must refuse (see CMakeLists.txt): built for another ABI, or without the
// entry point at all.
#include "src/mixout/mixout_module_abi.h"

#ifdef FAKE_badabi
extern "C" __attribute__((visibility("default"))) const TuttiMixOutModule* tutti_mixout_module() {
    static const TuttiMixOutModule module{tutti::mixout::kMixOutModuleAbi + 1, "0.0.0", "jack",
                                          tutti::mixout::MixOutModuleLayout{}, nullptr};
    return &module;
}
#else
extern "C" __attribute__((visibility("default"))) int tutti_mixout_something_else() {
    return 0;
}
#endif
