// tutti-mixout-jack.so: the JACK back end as a module (see mixout_module_abi.h).
#include <exception>

#include "src/mixout/jack_output.h"
#include "src/mixout/module_entry.h"

namespace {

tutti::mixout::MixOutDevice* createJack(const tutti::mixout::MixOutDeviceArgs* a,
                                        std::string* error) {
    try {
        return new tutti::mixout::JackOutput(*a->tap, *a->name, a->tickSamples, a->input,
                                             *a->inputName);
    } catch (const std::exception& e) {  // no exception may cross into the server
        *error = e.what();
        return nullptr;
    }
}

}  // namespace

TUTTI_DEFINE_MIXOUT_MODULE("jack", &createJack)
