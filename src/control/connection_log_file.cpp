#include "src/control/connection_log_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tutti::control {

namespace {
std::string appendLine(const std::string& path, const std::string& line) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return std::strerror(errno);
    }
    std::string error;
    const ssize_t n = line.empty() ? 0 : ::write(fd, line.data(), line.size());
    if (n != static_cast<ssize_t>(line.size())) {
        error = n < 0 ? std::strerror(errno) : "short write";
    }
    ::close(fd);
    return error;
}
}  // namespace

ConnectionLogFile::ConnectionLogFile(std::string path, ReportOnce::ReportFn report, NowFn now)
    : path_(std::move(path)), report_(std::move(report)), now_(std::move(now)) {
    if (!now_) {
        now_ = [] { return std::time(nullptr); };
    }
}

std::string ConnectionLogFile::localTime(std::time_t t) {
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &local);
    return buf;
}

std::string ConnectionLogFile::connectedLine(const std::string& time, const std::string& ip,
                                             int total) {
    return time + ", " + ip + ", connected (" + std::to_string(total) + ")";
}

std::string ConnectionLogFile::idleLine(const std::string& time) {
    return time + ",, server idling -------------------------------------";
}

void ConnectionLogFile::append(const std::string& line) {
    if (const std::string error = appendLine(path_, line); !error.empty()) {
        report_.failed("Cannot write the log file \"" + path_ + "\": " + error +
                       " (logging continues when it becomes writable)");
        return;
    }
    report_.succeeded();
}

void ConnectionLogFile::open() {
    append("");
}

void ConnectionLogFile::clientConnected(int /*id*/, const std::string& ip, int total) {
    connected_ = total;
    append(connectedLine(localTime(now_()), ip, total) + "\n");
}

void ConnectionLogFile::clientDisconnected(int /*id*/) {
    if (connected_ > 0 && --connected_ == 0) {
        append(idleLine(localTime(now_())) + "\n");
    }
}

void ConnectionLogFile::serverStopping() {
    if (connected_ > 0) {
        connected_ = 0;
        append(idleLine(localTime(now_())) + "\n");
    }
}

}  // namespace tutti::control
