#pragma once

#include <string>

namespace tutti::protocol {

// & < > " escaped, as QString::toHtmlEscaped does: Jamulus clients render chat as rich text, so
// names and relayed chat texts are escaped (PROTOCOL.md 10.1), and so are the names of the HTML
// status file (OPERATIONS.md 2).
std::string escapeHtml(const std::string& text);

}  // namespace tutti::protocol
