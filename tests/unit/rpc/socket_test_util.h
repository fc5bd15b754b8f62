// Socket-level test helpers: everything runs on the test's own event loop, and every wait has a
// deadline (the server under test lives on the same thread, so blocking waits would starve it).
#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>

namespace tutti::rpc::testing {

// Runs the event loop until `done` or the deadline; returns whether `done` became true.
inline bool pumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    QDeadlineTimer deadline(timeout);
    QTimer wake;  // WaitForMoreEvents returns at the latest on this tick
    wake.start(5);
    while (!done()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Lets the event loop run for a while when the point is that something does NOT happen.
inline void pumpFor(std::chrono::milliseconds duration) {
    pumpUntil([] { return false; }, duration);
}

// A JSON-RPC peer speaking newline-delimited lines.
class LineClient {
  public:
    explicit LineClient(uint16_t port) {
        QObject::connect(&socket_, &QTcpSocket::readyRead, [this] {
            buffer_ += socket_.readAll().toStdString();
            for (std::size_t nl; (nl = buffer_.find('\n')) != std::string::npos;) {
                lines.push_back(buffer_.substr(0, nl));
                buffer_.erase(0, nl + 1);
            }
        });
        QObject::connect(&socket_, &QTcpSocket::disconnected, [this] { closed = true; });
        QObject::connect(&socket_, &QTcpSocket::errorOccurred,
                         [this](QAbstractSocket::SocketError) { closed = true; });
        socket_.connectToHost(QHostAddress::LocalHost, port);
    }
    bool waitConnected(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        return pumpUntil([this] { return socket_.state() == QAbstractSocket::ConnectedState; },
                         timeout);
    }
    void send(const std::string& line) {
        const std::string text = line + "\n";
        socket_.write(text.data(), static_cast<qint64>(text.size()));
    }
    void sendRaw(const std::string& bytes) {
        socket_.write(bytes.data(), static_cast<qint64>(bytes.size()));
    }
    // The next line received, or nullopt on timeout or when the server closed first.
    std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        pumpUntil([this] { return !lines.empty() || closed; }, timeout);
        if (lines.empty()) {
            return std::nullopt;
        }
        std::string line = lines.front();
        lines.pop_front();
        return line;
    }
    bool waitClosed(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        return pumpUntil([this] { return closed; }, timeout);
    }
    QTcpSocket& socket() { return socket_; }

    std::deque<std::string> lines;
    bool closed = false;

  private:
    QTcpSocket socket_;
    std::string buffer_;
};

}  // namespace tutti::rpc::testing
