#include "src/recorder/recording_dir.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace tutti::recorder {

namespace fs = std::filesystem;

std::string absolutePath(const std::string& path) {
    std::error_code ec;
    const fs::path abs = fs::absolute(fs::path(path), ec);
    return ec ? path : abs.lexically_normal().string();
}

std::string prepareDirectory(const std::string& absPath, DirRole role) {
    const std::string shown = role == DirRole::Base ? "'" + absPath + "'" : absPath;
    // Upstream hides the reason; operators fighting ProtectHome= or a read-only mount need it.
    const auto reason = [](int err) { return std::string(" (") + std::strerror(err) + ")"; };
    std::error_code ec;
    const fs::file_status st = fs::status(absPath, ec);
    if (!fs::exists(st)) {
        fs::create_directories(absPath, ec);
        if (ec || !fs::is_directory(absPath)) {
            const int err = ec ? ec.value() : ENOTDIR;
            return shown +
                   (role == DirRole::Base ? " does not exist but could not be created."
                                          : " does not exist and could not be created") +
                   reason(err);
        }
    } else if (!fs::is_directory(st)) {
        return shown + " exists but is not a directory" + reason(ENOTDIR);
    }
    if (::access(absPath.c_str(), W_OK | X_OK) != 0) {
        return shown + " is a directory but cannot be written to" + reason(errno);
    }
    return {};
}

}  // namespace tutti::recorder
