#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace tutti::test {

// Starts build/tutti-server as a child process on a free 127.0.0.1 port, waits (bounded) until it
// answers a ping, and stops it with SIGTERM on destruction. Its stderr goes to a file that tests
// can read.
class ServerProcess {
  public:
    explicit ServerProcess(std::vector<std::string> extraArgs = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    bool started() const { return ready_; }
    uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    // Sends SIGTERM and waits (bounded) for the exit status; -1 if it had to be killed.
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    bool running();
    std::string stderrText() const;

    static uint16_t freeUdpPort();
    static std::string binaryPath();

  private:
    pid_t pid_ = -1;
    uint16_t port_ = 0;
    bool ready_ = false;
    std::string stderrPath_;
};

// Sends one datagram to 127.0.0.1:port from an ephemeral socket and waits (bounded) for a reply.
std::vector<uint8_t> requestReply(uint16_t port, const std::vector<uint8_t>& datagram,
                                  std::chrono::milliseconds timeout);

}  // namespace tutti::test
