#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "src/app/systemd_journal.h"

namespace tutti::app {
namespace {

TEST(JournalPriority, ByWording) {
    EXPECT_EQ(journalPriority("2026-11-21 20:48:43, 127.0.0.1, connected (1)"), 6);
    EXPECT_EQ(journalPriority("Recording state: enabled"), 6);
    EXPECT_EQ(journalPriority("Server Registration Status update: Registered"), 6);
    EXPECT_EQ(journalPriority("tutti-server: Network Error: Cannot bind the socket"), 3);
    EXPECT_EQ(journalPriority("not supported yet: --jsonrpcport"), 3);
    EXPECT_EQ(journalPriority("Server Registration Status update: Registration failed"), 4);
    EXPECT_EQ(journalPriority("Real-time scheduling not permitted, mixing at normal priority"), 4);
    EXPECT_EQ(journalPriority("Recorder: the disk is too slow, 12 frames dropped"), 4);
}

// A pipe stands in for journald's stream socket.
class Pipe {
  public:
    Pipe() { EXPECT_EQ(pipe(fds_), 0); }
    ~Pipe() {
        close(fds_[0]);
        if (fds_[1] >= 0) {
            close(fds_[1]);
        }
    }
    int writeEnd() const { return fds_[1]; }
    std::string drain() {
        close(fds_[1]);
        fds_[1] = -1;
        std::string out;
        char buf[4096];
        for (ssize_t n; (n = read(fds_[0], buf, sizeof buf)) > 0;) {
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }

  private:
    int fds_[2] = {-1, -1};
};

TEST(JournalLineBuf, PrefixesEveryCompleteLine) {
    Pipe p;
    {
        JournalLineBuf buf(p.writeEnd());
        std::ostream out(&buf);
        out << "Recording state: enabled" << std::endl;
        out << "first\nsecond Error here\n";
        out << "split "
            << "line" << std::flush;  // no newline yet: held back
        out << " done\n";
    }
    EXPECT_EQ(p.drain(),
              "<6>Recording state: enabled\n<6>first\n<3>second Error here\n<6>split line done\n");
}

TEST(JournalLineBuf, PartialLastLineIsWrittenAtTheEnd) {
    Pipe p;
    {
        JournalLineBuf buf(p.writeEnd());
        std::ostream out(&buf);
        out << "no newline";
    }
    EXPECT_EQ(p.drain(), "<6>no newline\n");
}

TEST(JournalLineBuf, LinesFromSeveralThreadsStayWhole) {
    Pipe p;
    constexpr int kThreads = 4;
    constexpr int kLines = 200;
    {
        JournalLineBuf buf(p.writeEnd());
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&buf, t] {
                std::ostream out(&buf);
                // One write per line, as the server's log function does: what is written in
                // one call must come out whole (several calls may interleave, as on a plain
                // stderr).
                for (int i = 0; i < kLines; ++i) {
                    out << "thread " + std::to_string(t) + " line " + std::to_string(i) + "\n";
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
    }
    const std::string all = p.drain();
    int lines = 0;
    for (std::size_t pos = 0, nl; (nl = all.find('\n', pos)) != std::string::npos; pos = nl + 1) {
        const std::string line = all.substr(pos, nl - pos);
        EXPECT_EQ(line.rfind("<6>thread ", 0), 0u) << line;
        ++lines;
    }
    EXPECT_EQ(lines, kThreads * kLines);
}

TEST(JournalStream, MatchesOnlyTheNamedFile) {
    char path[] = "/tmp/tutti-journal-test-XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    struct stat st {};
    ASSERT_EQ(fstat(fd, &st), 0);
    const std::string value = std::to_string(st.st_dev) + ":" +
                              std::to_string(static_cast<unsigned long long>(st.st_ino));
    EXPECT_TRUE(fdIsJournalStream(value.c_str(), fd));
    const std::string other = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1);
    EXPECT_FALSE(fdIsJournalStream(other.c_str(), fd));
    EXPECT_FALSE(fdIsJournalStream(nullptr, fd));
    EXPECT_FALSE(fdIsJournalStream("garbage", fd));
    close(fd);
    unlink(path);
}

}  // namespace
}  // namespace tutti::app
