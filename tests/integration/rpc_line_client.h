#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "tcp_line_peer.h"

namespace tutti::test {

// One operator connection to the JSON-RPC port, for tests: requests with increasing ids, each
// answer matched to its request by id, notifications kept aside in `notes`. The connection never
// blocks the test: while it waits it runs the test's own loop (`WaitLoop`, e.g. simulated
// clients that must keep playing), or polls every millisecond when there is none.
class RpcLineClient {
  public:
    // Runs the test's loop until done() or the timeout; true if done() became true.
    using WaitLoop =
        std::function<bool(const std::function<bool()>& done, std::chrono::milliseconds timeout)>;

    explicit RpcLineClient(uint16_t port, WaitLoop loop = {});

    // The answer to this request (the line with its id, or an error without one), or
    // "<no answer>" when none came within `timeout` or the server closed the connection.
    std::string call(const std::string& method, const std::string& params = "{}",
                     std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // jamulus/apiAuth with `secret`; true when the server answered exactly "ok".
    bool authenticate(const std::string& secret);
    // Waits for a notification containing `part`, already received or arriving.
    bool waitNote(const std::string& part,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

    int lastId() const { return lastId_; }
    // The wait without a loop of the test's own: polls done() every millisecond until the timeout.
    static bool pollUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
    // Lines that were not answers to this client's requests, oldest first.
    std::vector<std::string> notes;

  private:
    bool waitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

    TcpLinePeer peer_;
    WaitLoop loop_;
    int lastId_ = 0;
};

}  // namespace tutti::test
