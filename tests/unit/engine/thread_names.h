#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace tutti::engine::test {

// Whether a thread of this process carries the name (as `top -H` shows it), waiting up to 2 s
// for a thread that names itself as it starts.
inline bool threadNamed(const std::string& name) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
        for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
            std::ifstream comm(task.path() / "comm");
            std::string n;
            if (std::getline(comm, n) && n == name) {
                return true;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

}  // namespace tutti::engine::test
