#pragma once

// A channel's receive buffer of coded frames (PROTOCOL 11).
//
// With sequence numbers it is a window indexed by sequence number: late frames move the window
// back (adding latency), frames beyond it move it forward (dropping the oldest), gaps read as
// missing. Without, it is a FIFO that drops incoming frames when full. The size is either
// fixed (1..20 frames) or chosen by JitterAutoSizer (21).
//
// Storage is allocated once in the constructor; configure/put/get/setRequestedSize never
// allocate, lock or log. Not thread-safe: the mix thread owns it and should move frames from
// the receive thread's queue into it (put) just before taking the tick's frame (get).

#include <cstdint>
#include <optional>
#include <vector>

#include "audio/fifo_occupancy.h"
#include "audio/jitter_auto_sizer.h"
#include "audio/sequence_window.h"

namespace tutti::audio {

struct JitterBufferStats {
    uint64_t received = 0;    // frames stored
    uint64_t underruns = 0;   // gets that found no frame (after the stream started)
    uint64_t overruns = 0;    // stored or incoming frames dropped because the buffer was full
    uint64_t late = 0;        // frames older than the window (the window moved back for them)
    uint64_t duplicates = 0;  // frames whose slot was already filled
    uint64_t rejected = 0;    // frames of the wrong size or kind for the configuration
};

class JitterBuffer {
  public:
    static constexpr int kMaxFrameBytes = 1024;
    static constexpr int kMinSize = 1;
    static constexpr int kMaxSize = 20;
    static constexpr int kAutoSize = 21;  // the JITT_BUF_SIZE value that asks for auto sizing

    JitterBuffer();

    // Sets the frame format and empties the buffer. frameBytes counts the coded bytes only
    // (1..kMaxFrameBytes); frameSamples (64|128) tunes auto sizing. Returns false for an
    // invalid size, after which every put is rejected until a valid configure.
    bool configure(int frameBytes, bool sequenceNumbers, int frameSamples = 128);
    // 1..20: fixed size; 21: automatic. Other values are ignored (returns false).
    bool setRequestedSize(int value);
    // Drops all frames and restarts the timeline and the auto statistics; keeps the format.
    void clear();

    // Stores one coded frame. A frame of another length than configured, or without a
    // sequence number when they are on, is rejected. Returns whether it was stored.
    bool put(const uint8_t* frame, int bytes, std::optional<uint8_t> sequence);
    // Copies the next frame (frameBytes() bytes) to out and returns true, or returns false
    // when it is missing: the caller conceals.
    bool get(uint8_t* out);

    int currentSize() const;
    bool isAuto() const { return auto_; }
    int frameBytes() const { return frameBytes_; }
    int storedFrames() const;
    // The new size, if the automatic size changed since the last call (the server then tells
    // the client with JITT_BUF_SIZE). Switching to auto mode counts as a change.
    std::optional<int> takeAutoSizeChange();

    const JitterBufferStats& stats() const { return stats_; }
    const JitterAutoSizer& autoSizer() const { return autoSizer_; }

  private:
    static constexpr int kSlots = kMaxSize;

    uint8_t* slot(int ringIndex) { return storage_.data() + ringIndex * kMaxFrameBytes; }
    int ringIndex(int offsetFromHead) const;
    void applySize(int size);

    std::vector<uint8_t> storage_;  // kSlots frames of kMaxFrameBytes, a ring
    int head_ = 0;                  // ring index of the read position
    SequenceWindow window_;
    FifoOccupancy fifo_;
    JitterAutoSizer autoSizer_;
    int frameBytes_ = 0;
    int frameSamples_ = 128;
    bool sequenceNumbers_ = false;
    bool auto_ = true;  // a client that never sends JITT_BUF_SIZE gets automatic sizing
    int fixedSize_ = JitterAutoSizer::kInitialSize;
    bool autoSizeChanged_ = true;
    JitterBufferStats stats_;
};

}  // namespace tutti::audio
