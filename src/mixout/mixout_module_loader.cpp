#include "src/mixout/mixout_module_loader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace tutti::mixout {

namespace {

namespace fs = std::filesystem;

struct BackendText {
    const char* key;      // "jack"
    const char* library;  // what the module needs from Debian
    const char* devPackage;
};

BackendText text(MixOutConfig::Backend backend) {
    return backend == MixOutConfig::Backend::Jack
               ? BackendText{"jack", "libjack", "libjack-jackd2-dev"}
               : BackendText{"alsa", "libasound", "libasound2-dev"};
}

bool sameDir(const fs::path& a, const fs::path& b) {
    std::error_code ec1, ec2;
    return fs::equivalent(a, b, ec1) && !ec1 && !ec2;
}

// True when this process is the executable in the build tree (not an installed copy).
bool runningFromBuildTree() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return !ec && sameDir(exe.parent_path(), TUTTI_MIXOUT_BUILD_DIR);
}

// What to do about a missing module: a source build lacks the back end, an installed server
// lacks the package.
std::string installHint(MixOutConfig::Backend backend) {
    if (const char* dir = std::getenv("TUTTI_MIXOUT_MODULE_DIR"); dir != nullptr && *dir != 0) {
        return "TUTTI_MIXOUT_MODULE_DIR is set; unset it to use the installed modules";
    }
    if (runningFromBuildTree()) {
        return std::string("this build has no ") +
               (backend == MixOutConfig::Backend::Jack ? "JACK" : "ALSA") +
               " support (configure with " + text(backend).devPackage + " installed)";
    }
    return "install the tutti-server-mixout package";
}

}  // namespace

std::string mixOutModuleFile(MixOutConfig::Backend backend) {
    return std::string("tutti-mixout-") + text(backend).key + ".so";
}

std::string mixOutModuleDir() {
    if (const char* dir = std::getenv("TUTTI_MIXOUT_MODULE_DIR"); dir != nullptr && *dir != 0) {
        return dir;
    }
    return runningFromBuildTree() ? TUTTI_MIXOUT_BUILD_DIR : TUTTI_MIXOUT_INSTALL_DIR;
}

const TuttiMixOutModule* loadMixOutModuleFrom(const std::string& dir, MixOutConfig::Backend backend,
                                              std::string& error) {
    const std::string path = (fs::path(dir) / mixOutModuleFile(backend)).string();
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        error = "no " + mixOutModuleFile(backend) + " in " + dir + ": " + installHint(backend);
        return nullptr;
    }
    // RTLD_LOCAL: the module's symbols (libjack's, libasound's) stay out of the server's scope.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = dlerror();
        error = "cannot load " + path + ": " + (why ? why : "unknown error") + " (is " +
                text(backend).library + " installed? install the tutti-server-mixout package)";
        return nullptr;
    }
    auto entry = reinterpret_cast<TuttiMixOutModuleEntry>(dlsym(handle, TUTTI_MIXOUT_MODULE_ENTRY));
    const TuttiMixOutModule* module = entry != nullptr ? entry() : nullptr;
    if (module == nullptr) {
        dlclose(handle);
        error = path + " is not a Tutti mix out module";
        return nullptr;
    }
    // The ABI number first: only with it equal are the other fields where this server expects.
    if (module->abi != kMixOutModuleAbi ||
        std::strcmp(module->version, TUTTI_VERSION_STRING) != 0 ||
        !(module->layout == MixOutModuleLayout{}) ||
        std::strcmp(module->backend, text(backend).key) != 0) {
        error = path + " does not match this server (module ABI " + std::to_string(module->abi) +
                (module->abi == kMixOutModuleAbi ? std::string(", version ") + module->version
                                                 : std::string()) +
                "; server ABI " + std::to_string(kMixOutModuleAbi) + ", version " +
                TUTTI_VERSION_STRING +
                "): install the tutti-server-mixout package of the same version";
        dlclose(handle);
        return nullptr;
    }
    return module;
}

const TuttiMixOutModule* loadMixOutModule(MixOutConfig::Backend backend, std::string& error) {
    struct Slot {
        bool tried = false;
        const TuttiMixOutModule* module = nullptr;
        std::string error;
    };
    static std::mutex mutex;  // control side only (option checks, start-up); never the mix thread
    static Slot slots[2];
    const std::lock_guard lock(mutex);
    Slot& slot = slots[backend == MixOutConfig::Backend::Jack ? 0 : 1];
    if (!slot.tried) {
        slot.module = loadMixOutModuleFrom(mixOutModuleDir(), backend, slot.error);
        slot.tried = true;
    }
    error = slot.error;
    return slot.module;
}

}  // namespace tutti::mixout
