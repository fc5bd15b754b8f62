#include "src/control/html_status_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "protocol/html_escape.h"

namespace tutti::control {

HtmlStatusFile::HtmlStatusFile(std::string path, const OperatorApi& api,
                               ReportOnce::ReportFn report)
    : path_(std::move(path)), api_(api), report_(std::move(report)) {}

std::string HtmlStatusFile::render(const std::vector<std::string>& names) {
    if (names.empty()) {
        return "  No client connected\n";
    }
    std::string out = "<ul>\n";
    for (const std::string& name : names) {
        out += "  <li>" + protocol::escapeHtml(name) + "</li>\n";
    }
    out += "</ul>\n";
    return out;
}

std::string HtmlStatusFile::terminated() {
    return "  Server terminated\n";
}

void HtmlStatusFile::write(const std::string& content) {
    // Truncate and write in place, as Jamulus does: pages that include the file keep reading
    // the same inode, and a directory that is not writable does not stop us.
    const int fd = ::open(path_.c_str(), O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0644);
    std::string error;
    if (fd < 0) {
        error = std::strerror(errno);
    } else {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n != static_cast<ssize_t>(content.size())) {
            error = n < 0 ? std::strerror(errno) : "short write";
        }
        ::close(fd);
    }
    if (!error.empty()) {
        report_.failed("Cannot write the HTML status file \"" + path_ + "\": " + error +
                       " (it is rewritten when it becomes writable)");
        return;
    }
    report_.succeeded();
}

void HtmlStatusFile::update() {
    std::vector<std::string> names;
    for (const ClientInfo& c : api_.clients()) {
        names.push_back(c.name);
    }
    write(render(names));
}

void HtmlStatusFile::serverStopping() {
    write(terminated());
}

void HtmlStatusFile::clientConnected(int, const std::string&, int) {
    update();
}

void HtmlStatusFile::clientDisconnected(int) {
    update();
}

void HtmlStatusFile::clientProfileChanged(int) {
    update();
}

}  // namespace tutti::control
