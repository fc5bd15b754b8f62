#include "help_text.h"

#include "options_table.h"

namespace tutti::app {
namespace {

constexpr std::size_t kDescriptionColumn = 32;
constexpr std::size_t kWidth = 80;  // a plain terminal

// Appends the words of text, then `tail` kept whole, to out, starting at column `column` and
// wrapping to kWidth with continuation lines indented to `indent`; ends with a newline.
void appendWrapped(std::string& out, std::size_t column, std::size_t indent, std::string_view text,
                   std::string_view tail = {}) {
    bool lineHasWord = false;
    while (!text.empty() || !tail.empty()) {
        std::string_view word;
        if (!text.empty()) {
            const std::size_t space = text.find(' ');
            word = text.substr(0, space);
            text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
        } else {
            word = tail;
            tail = {};
        }
        if (lineHasWord && column + 1 + word.size() > kWidth) {
            out += '\n';
            out.append(indent, ' ');
            column = indent;
            lineHasWord = false;
        }
        if (lineHasWord) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        lineHasWord = true;
    }
    out += '\n';
}

std::string joinedNames(const OptionDescriptor& option) {
    std::string out;
    for (std::string_view name : option.names) {
        if (!name.empty()) {
            out += out.empty() ? "" : ", ";
            out += name;
        }
    }
    return out;
}

std::string optionEntry(const OptionDescriptor& option) {
    std::string entry = "  " + joinedNames(option);
    if (!option.valueName.empty()) {
        entry += ' ';
        entry += option.valueName;
    }
    // Names too long for their column get a line of their own.
    if (entry.size() + 2 > kDescriptionColumn) {
        entry += '\n';
        entry.append(kDescriptionColumn, ' ');
    } else {
        entry.append(kDescriptionColumn - entry.size(), ' ');
    }
    appendWrapped(entry, kDescriptionColumn, kDescriptionColumn, option.help,
                  option.supported ? "" : "(not supported yet)");
    return entry;
}

std::string group(OptionGroup wanted) {
    std::string out;
    for (const OptionDescriptor& option : optionTable()) {
        if (option.group == wanted) {
            out += optionEntry(option);
        }
    }
    return out;
}

std::string clientOnlyNames() {
    std::string out;
    for (const OptionDescriptor& option : optionTable()) {
        if (option.group == OptionGroup::ClientOnly) {
            out += out.empty() ? "" : ", ";
            out += joinedNames(option);
        }
    }
    return out;
}

}  // namespace

std::string helpText(std::string_view argv0) {
    const std::string program(argv0);
    std::string out;
    out += "Usage: " + program + " [option [value]] ...\n";
    out += "\n";
    out += "Tutti is a server for Jamulus clients. It always runs as a server and never\n";
    out += "opens a window, so Jamulus server command lines work unchanged. Each option is\n";
    out += "a separate argument; a value is the argument after its option.\n";
    out += "\n";
    out += "Common options:\n";
    out += group(OptionGroup::Common);
    out += "\n";
    out += "Server only:\n";
    out += group(OptionGroup::Server);
    out += "\n";
    out += "Options \"not supported yet\" are understood, but the server refuses to start\n";
    out += "with them until that feature is built.\n";
    out += "\n";
    out += "Client only options are refused, as by any Jamulus server:\n";
    out += "  ";
    appendWrapped(out, 2, 2, clientOnlyNames());
    out += "\n";
    out += "Example: " + program + " -s -n -p 22124 -u 20 -w welcome.html\n";
    return out;
}

}  // namespace tutti::app
