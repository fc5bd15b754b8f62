#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace tutti::test {

// A TCP peer on 127.0.0.1 speaking newline-delimited lines (the JSON-RPC port), never blocking:
// tests poll it from their own loop (e.g. while simulated clients keep playing).
class TcpLinePeer {
  public:
    // Starts a non-blocking connect. A non-zero receiveBuffer shrinks SO_RCVBUF (for a peer
    // that is meant never to read).
    explicit TcpLinePeer(uint16_t port, int receiveBuffer = 0);
    ~TcpLinePeer();
    TcpLinePeer(const TcpLinePeer&) = delete;
    TcpLinePeer& operator=(const TcpLinePeer&) = delete;

    bool valid() const { return fd_ >= 0; }
    // Queues bytes; pump() sends what the kernel takes.
    void write(const std::string& bytes) { outgoing_ += bytes; }
    void writeLine(const std::string& line) { write(line + "\n"); }
    // Sends queued bytes and, unless `read` is false, collects received lines. Never blocks.
    void pump(bool read = true);
    // The next received line (after pump()), if any.
    std::optional<std::string> takeLine();
    // The server closed or reset the connection (as seen by pump()).
    bool closed() const { return closed_; }
    // The server closed or reset the connection, seen without reading (for a peer that never
    // reads, whose unread data would hide the end from recv()).
    bool hungUp() const;
    std::size_t unsent() const { return outgoing_.size(); }

    // A free TCP port on 127.0.0.1 (bound and released; the server binds it right after).
    static uint16_t freeTcpPort();

  private:
    int fd_ = -1;
    std::string outgoing_;
    std::string incoming_;
    std::deque<std::string> lines_;
    bool closed_ = false;
};

}  // namespace tutti::test
