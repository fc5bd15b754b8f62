// stderr lines as the journal reads them: when stderr is connected to journald (JOURNAL_STREAM
// names it), every line gets an sd-daemon priority prefix ("<3>" error, "<4>" warning, "<6>"
// info) so `journalctl -p warning -u jamulus-headless` finds the problems. The line texts stay
// exactly as Jamulus prints them; only the prefix, which journald strips, is added.
#pragma once

#include <mutex>
#include <streambuf>
#include <string>
#include <string_view>

namespace tutti::app {

// syslog priority of one log line, judged by its wording.
int journalPriority(std::string_view line);

// True when the JOURNAL_STREAM value ("device:inode") names the file that `fd` refers to.
bool fdIsJournalStream(const char* journalStreamValue, int fd);

// A line-buffered stream buffer writing complete lines to `fd`, each with its priority prefix.
// Thread-safe: several threads (control, recorder, name look-ups) log through std::cerr.
class JournalLineBuf : public std::streambuf {
  public:
    explicit JournalLineBuf(int fd) : fd_(fd) {}
    ~JournalLineBuf() override;

  protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

  private:
    void emitCompleteLines();
    void writeLine(std::string_view line);

    int fd_;
    std::mutex mutex_;
    std::string pending_;
};

// Points std::cerr and std::clog at a JournalLineBuf on fd 2 when stderr is the journal; does
// nothing otherwise (a terminal, a file, a pipe keep the plain lines).
void installJournalPrefixesIfJournal();

}  // namespace tutti::app
