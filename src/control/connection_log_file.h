// The -l FILE log (OPERATIONS.md 1): "<time>, <ip>, connected (<n>)" for every new channel and
// ",, server idling ---" when the last client has gone or the server stops with clients still
// connected. A command-layer subscriber on the control thread, never on the real-time path.
#pragma once

#include <ctime>
#include <functional>
#include <string>

#include "src/control/operator_api.h"
#include "src/control/report_once.h"

namespace tutti::control {

class ConnectionLogFile : public OperatorEvents {
  public:
    using NowFn = std::function<std::time_t()>;

    // `report` gets one line (for stderr) when the file cannot be written.
    ConnectionLogFile(std::string path, ReportOnce::ReportFn report, NowFn now = nullptr);

    // Creates the file if it is missing, so a bad path is reported at start-up.
    void open();
    // Clean stop: the idle line if clients were still connected.
    void serverStopping();

    void clientConnected(int id, const std::string& ip, int total) override;
    void clientDisconnected(int id) override;

    static std::string connectedLine(const std::string& time, const std::string& ip, int total);
    static std::string idleLine(const std::string& time);
    static std::string localTime(std::time_t t);  // yyyy-MM-dd HH:mm:ss, local time

  private:
    // Each line is appended by opening, writing and closing: the file may be rotated or removed
    // at any time and the next line recreates it.
    void append(const std::string& line);

    std::string path_;
    ReportOnce report_;
    NowFn now_;
    int connected_ = 0;
};

}  // namespace tutti::control
