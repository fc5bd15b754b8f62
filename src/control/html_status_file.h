// The -m FILE status fragment (OPERATIONS.md 2): the names of the connected clients as an HTML
// list, rewritten whenever the list or a profile changes, "Server terminated" at a clean stop.
// Removed in newest Jamulus; kept because 3.9.x operators include it in web pages. A
// command-layer subscriber on the control thread.
#pragma once

#include <string>
#include <vector>

#include "src/control/operator_api.h"
#include "src/control/report_once.h"

namespace tutti::control {

class HtmlStatusFile : public OperatorEvents {
  public:
    HtmlStatusFile(std::string path, const OperatorApi& api, ReportOnce::ReportFn report);

    void update();          // at start and on every change
    void serverStopping();  // "Server terminated"

    void clientConnected(int id, const std::string& ip, int total) override;
    void clientDisconnected(int id) override;
    void clientProfileChanged(int id) override;

    // The file's content for these names, in channel order.
    static std::string render(const std::vector<std::string>& names);
    static std::string terminated();

  private:
    void write(const std::string& content);

    std::string path_;
    const OperatorApi& api_;
    ReportOnce report_;
};

}  // namespace tutti::control
