#include "src/app/systemd_journal.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace tutti::app {

namespace {

bool contains(std::string_view line, std::string_view word) {
    return line.find(word) != std::string_view::npos;
}

}  // namespace

int journalPriority(std::string_view line) {
    // The server's own wording: fatal start-up problems say "Error"/"Cannot"/"not supported"
    // (the process then exits), degraded service says "failed", "not permitted", "dropped".
    if (contains(line, "Error") || contains(line, "error:") || contains(line, "Cannot") ||
        contains(line, "cannot") || contains(line, "not supported yet")) {
        return 3;
    }
    if (contains(line, "failed") || contains(line, "Failed") || contains(line, "not permitted") ||
        contains(line, "dropped") || contains(line, "too slow") || contains(line, "Warning")) {
        return 4;
    }
    return 6;
}

bool fdIsJournalStream(const char* value, int fd) {
    if (value == nullptr) {
        return false;
    }
    unsigned long long dev = 0;
    unsigned long long ino = 0;
    if (std::sscanf(value, "%llu:%llu", &dev, &ino) != 2) {
        return false;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        return false;
    }
    return static_cast<unsigned long long>(st.st_dev) == dev &&
           static_cast<unsigned long long>(st.st_ino) == ino;
}

JournalLineBuf::~JournalLineBuf() {
    std::lock_guard lock(mutex_);
    if (!pending_.empty()) {
        writeLine(pending_);
        pending_.clear();
    }
}

JournalLineBuf::int_type JournalLineBuf::overflow(int_type ch) {
    if (traits_type::eq_int_type(ch, traits_type::eof())) {
        return traits_type::not_eof(ch);
    }
    const char c = traits_type::to_char_type(ch);
    xsputn(&c, 1);
    return ch;
}

std::streamsize JournalLineBuf::xsputn(const char* s, std::streamsize n) {
    std::lock_guard lock(mutex_);
    pending_.append(s, static_cast<std::size_t>(n));
    emitCompleteLines();
    return n;
}

// A flush without a newline keeps the partial line: its priority depends on the whole of it.
int JournalLineBuf::sync() {
    return 0;
}

void JournalLineBuf::emitCompleteLines() {
    std::size_t start = 0;
    for (std::size_t nl = pending_.find('\n'); nl != std::string::npos;
         nl = pending_.find('\n', start)) {
        writeLine(std::string_view(pending_).substr(start, nl - start));
        start = nl + 1;
    }
    pending_.erase(0, start);
}

void JournalLineBuf::writeLine(std::string_view line) {
    std::string out = "<" + std::to_string(journalPriority(line)) + ">";
    out.append(line);
    out += '\n';
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::write(fd_, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;  // the journal went away; nothing better to do with a log line
        }
        done += static_cast<std::size_t>(n);
    }
}

void installJournalPrefixesIfJournal() {
    if (!fdIsJournalStream(std::getenv("JOURNAL_STREAM"), STDERR_FILENO)) {
        return;
    }
    // Lives until exit: static destructors may still log.
    static JournalLineBuf* buf = new JournalLineBuf(STDERR_FILENO);
    std::cerr.rdbuf(buf);
    std::clog.rdbuf(buf);
}

}  // namespace tutti::app
