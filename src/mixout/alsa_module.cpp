// tutti-mixout-alsa.so: the ALSA back end as a module (see mixout_module_abi.h).
#include <exception>

#include "src/mixout/alsa_output.h"
#include "src/mixout/module_entry.h"

namespace {

tutti::mixout::MixOutDevice* createAlsa(const tutti::mixout::MixOutDeviceArgs* a,
                                        std::string* error) {
    try {
        return new tutti::mixout::AlsaOutput(*a->tap, *a->name, a->tickSamples);
    } catch (const std::exception& e) {  // no exception may cross into the server
        *error = e.what();
        return nullptr;
    }
}

}  // namespace

TUTTI_DEFINE_MIXOUT_MODULE("alsa", &createAlsa)
