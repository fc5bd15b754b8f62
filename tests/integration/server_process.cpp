#include "server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "protocol/framing.h"
#include "protocol/messages.h"

namespace tutti::test {

std::string ServerProcess::binaryPath() {
    if (const char* p = std::getenv("TUTTI_SERVER_BIN")) {
        return p;
    }
    return TUTTI_SERVER_BIN;
}

uint16_t ServerProcess::freeUdpPort() {
    // Bind port 0 to let the kernel pick, then release it; the server binds it right after.
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    socklen_t len = sizeof(a);
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

ServerProcess::ServerProcess(std::vector<std::string> extraArgs) {
    char tmpl[] = "/tmp/tutti-server-stderr-XXXXXX";
    int errFd = mkstemp(tmpl);
    stderrPath_ = tmpl;
    for (int attempt = 0; attempt < 5 && !ready_; ++attempt) {
        port_ = freeUdpPort();
        std::vector<std::string> args = {binaryPath(), "-n", "-p", std::to_string(port_)};
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        pid_ = fork();
        if (pid_ == 0) {
            dup2(errFd, STDERR_FILENO);
            std::vector<char*> argv;
            for (auto& s : args) {
                argv.push_back(s.data());
            }
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        // Ready when it answers a ping; give up after 10 s.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        const auto ping = protocol::encodeFrame(protocol::ClmPingMsMsg::kId, 0,
                                                protocol::ClmPingMsMsg{42}.encode());
        while (std::chrono::steady_clock::now() < deadline) {
            if (!requestReply(port_, ping, std::chrono::milliseconds(100)).empty()) {
                ready_ = true;
                break;
            }
            int status;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                break;  // exited (port taken?): try another port
            }
        }
        if (!ready_ && pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }
    close(errFd);
}

ServerProcess::~ServerProcess() {
    stop();
    unlink(stderrPath_.c_str());
}

bool ServerProcess::running() {
    if (pid_ <= 0) {
        return false;
    }
    return waitpid(pid_, nullptr, WNOHANG) == 0;
}

int ServerProcess::stop(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) {
        return -1;
    }
    kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return -1;
}

std::string ServerProcess::stderrText() const {
    std::ifstream in(stderrPath_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<uint8_t> requestReply(uint16_t port, const std::vector<uint8_t>& datagram,
                                  std::chrono::milliseconds timeout) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    pollfd p{fd, POLLIN, 0};
    std::vector<uint8_t> reply;
    if (poll(&p, 1, static_cast<int>(timeout.count())) == 1) {
        reply.resize(protocol::kMaxDatagram);
        ssize_t n = recv(fd, reply.data(), reply.size(), 0);
        reply.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    }
    close(fd);
    return reply;
}

}  // namespace tutti::test
