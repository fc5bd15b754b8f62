#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "src/mixout/input_ring.h"
#include "src/mixout/mixout_device.h"
#include "src/mixout/mixout_tap.h"

// The contract between tutti-server and a mix out back end built as a loadable module
// (tutti-mixout-jack.so, tutti-mixout-alsa.so). The modules exist so that libjack and libasound
// are dependencies of the modules' package only: the server itself links neither.
//
// A module shares C++ objects with the server (the tap, the device it returns), so both must be
// built from the same source with the same compiler. The server refuses a module whose ABI
// number, Tutti version or object sizes differ rather than letting it misread memory.

namespace tutti::mixout {

// Raised whenever anything a module sees changes: MixOutDevice's interface, the tap, the ring,
// the arguments below.
inline constexpr uint32_t kMixOutModuleAbi = 1;

struct MixOutDeviceArgs {
    MixOutTap* tap;
    const std::string* name;  // JACK client name / ALSA device
    int tickSamples;
    InputRing* input;              // JACK only, may be null (--mixoutinput)
    const std::string* inputName;  // JACK only
};

// Sizes of the shared objects as the module was compiled: a cheap guard against a module from a
// build whose headers differ although the version string matches (a developer's tree).
struct MixOutModuleLayout {
    std::size_t tap = sizeof(MixOutTap);
    std::size_t ring = sizeof(FrameRing);
    std::size_t input = sizeof(InputRing);
    std::size_t aligner = sizeof(ClockAligner);
    std::size_t args = sizeof(MixOutDeviceArgs);
    std::size_t string = sizeof(std::string);
    bool operator==(const MixOutModuleLayout&) const = default;
};

}  // namespace tutti::mixout

extern "C" {

struct TuttiMixOutModule {
    uint32_t abi;         // kMixOutModuleAbi when the module was built
    const char* version;  // TUTTI_VERSION_STRING when the module was built
    const char* backend;  // "jack" / "alsa"
    tutti::mixout::MixOutModuleLayout layout;
    // A new device (the caller owns it and deletes it before the process ends; the module is
    // never unloaded), or nullptr with `error` set.
    tutti::mixout::MixOutDevice* (*create)(const tutti::mixout::MixOutDeviceArgs* args,
                                           std::string* error);
};

// The one symbol a module exports.
#define TUTTI_MIXOUT_MODULE_ENTRY "tutti_mixout_module"
using TuttiMixOutModuleEntry = const TuttiMixOutModule* (*)();
}
