#include "src/rpc/log_throttle.h"

namespace tutti::rpc {

void LogThrottle::log(LogKind kind, const std::string& line, const Sink& sink,
                      Clock::time_point now) {
    if (kind == LogKind::Always) {
        sink(line);
        return;
    }
    Bucket& bucket = buckets_[static_cast<std::size_t>(kind)];
    if (now - bucket.windowStart >= window_) {
        if (bucket.suppressed > 0) {
            sink("- JSON-RPC: " + std::to_string(bucket.suppressed) +
                 " similar console lines were not printed");
        }
        bucket = Bucket{now, 0, 0};
    }
    if (bucket.lines >= linesPerWindow_) {
        ++bucket.suppressed;
        return;
    }
    ++bucket.lines;
    sink(line);
}

}  // namespace tutti::rpc
