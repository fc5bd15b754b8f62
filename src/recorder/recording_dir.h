#pragma once

// Checks that a directory can take recordings, creating it if needed, with the messages Jamulus
// prints (RECORDING.md sections 2 and 4) followed by the operating system's reason.

#include <string>

namespace tutti::recorder {

// `path` made absolute against the working directory, not canonicalised (what Jamulus shows
// and what REAPER files point to).
std::string absolutePath(const std::string& path);

enum class DirRole {
    Base,     // -R DIR: messages quote the path
    Session,  // a Jam-... folder: messages do not
};

// Creates `absPath` with parents if missing; returns "" when it is a writable directory, else the
// message to print.
std::string prepareDirectory(const std::string& absPath, DirRole role);

}  // namespace tutti::recorder
