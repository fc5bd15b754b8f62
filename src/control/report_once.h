#pragma once

#include <functional>
#include <string>

namespace tutti::control {

// Reports a file problem the first time it happens, and again only after the file worked in
// between, so a file that stays unwritable costs one stderr line and not one per event.
class ReportOnce {
  public:
    using ReportFn = std::function<void(const std::string&)>;
    explicit ReportOnce(ReportFn report) : report_(std::move(report)) {}

    void failed(const std::string& message) {
        if (!reported_ && report_) {
            report_(message);
        }
        reported_ = true;
    }
    void succeeded() { reported_ = false; }

  private:
    ReportFn report_;
    bool reported_ = false;
};

}  // namespace tutti::control
