#pragma once

// Chooses the size of a jitter buffer in automatic mode (JITT_BUF_SIZE 21, PROTOCOL 11).
//
// Algorithm: ten shadow buffers of sizes 2..11 see the same puts and gets as the real buffer
// but hold no audio. Each keeps an error rate (underruns + dropped frames per get), averaged
// over the gets so far and, once enough have passed, exponentially over ~15 s. The target is
// the smallest size whose rate is at most 0.05 % (128-sample frames) or 0.025 % (64-sample
// frames, twice as many per second): about one audible glitch per 5 s at most. When no size
// gets there, the smallest one whose rate is within 10 % of the best is taken: errors every
// size suffers alike (a stream pausing) are no reason to add latency.
// Growth is immediate, because a too-small buffer is heard at once. Shrinking follows a
// smoothed target (time constant 1.5 s) with a 0.1 hysteresis, so one quiet moment in a
// jittery stream does not cut the buffer down only to grow it again.

#include <array>
#include <cstdint>
#include <optional>

#include "audio/fifo_occupancy.h"
#include "audio/sequence_window.h"

namespace tutti::audio {

class JitterAutoSizer {
  public:
    static constexpr int kMinSize = 2;
    static constexpr int kMaxSize = 11;
    // The size a new stream starts with before any statistics exist.
    static constexpr int kInitialSize = 6;

    void reset(bool sequenceNumbers, int frameSamples);

    void onPut(std::optional<uint8_t> sequence);
    // Call once per frame the real buffer hands out; returns the (possibly new) size.
    int onGet();

    int size() const { return size_; }
    // Error rate per get measured for a shadow size (kMinSize..kMaxSize), for diagnostics.
    double errorRate(int size) const;

  private:
    struct Shadow {
        SequenceWindow window;
        FifoOccupancy fifo;
        int pendingErrors = 0;  // frames dropped since the last get
        double errorRate = 0.0;
    };
    static constexpr int kShadows = kMaxSize - kMinSize + 1;

    int targetSize() const;

    std::array<Shadow, kShadows> shadows_;
    bool sequenceNumbers_ = false;
    double maxErrorRate_ = 0.0;
    double slowestAverageWeight_ = 0.0;  // weight of one get in the ~15 s average
    double shrinkWeight_ = 0.0;          // weight of one get in the 1.5 s shrink filter
    int64_t gets_ = 0;
    double smoothedTarget_ = kInitialSize;
    int size_ = kInitialSize;
};

}  // namespace tutti::audio
