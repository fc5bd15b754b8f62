#pragma once

// Bookkeeping of a jitter buffer whose frames carry sequence numbers (PROTOCOL 11): which of
// the `size` slots after the read position hold a frame, and which sequence number the slot
// at the read position stands for. It holds no audio, so the real buffer and the auto-sizing
// shadow buffers share it; the real buffer moves its ring as the placement says.

#include <bit>
#include <cstdint>

namespace tutti::audio {

class SequenceWindow {
  public:
    // 32 slots fit the validity bit set; the protocol's largest buffer is 20.
    static constexpr int kMaxSize = 32;

    struct Placement {
        int offset = -1;    // slot after the read position that now holds the frame; -1: not stored
        int shift = 0;      // how far the read position moved: > 0 forward, < 0 back
        int dropped = 0;    // frames that were stored and fell out of the window
        bool late = false;  // the frame was older than the window
        bool duplicate = false;  // the slot already held a frame (the new one is ignored)
    };

    explicit SequenceWindow(int size = 1) { reset(size); }

    void reset(int size) {
        size_ = clampSize(size);
        valid_ = 0;
        expected_ = 0;
        started_ = false;
    }

    Placement put(uint8_t sequence) {
        Placement placement;
        if (!started_) {
            // The first frame defines the timeline; the reader plays it next.
            started_ = true;
            expected_ = sequence;
        }
        // The distance is taken in -128..127 so the counter may wrap 255 -> 0.
        const int distance = static_cast<int8_t>(static_cast<uint8_t>(sequence - expected_));
        if (distance < 0) {
            // A frame we have already passed: move the window back so it still gets played.
            // That adds latency, which is what a stream arriving this late needs; the newest
            // slots fall off the far end.
            const int back = -distance;
            const uint32_t kept = back >= size_ ? 0u : lowBits(size_ - back);
            placement.dropped = std::popcount(valid_ & ~kept);
            valid_ = back >= 32 ? 0u : (valid_ & kept) << back;  // a 32-bit shift is undefined
            expected_ = sequence;
            placement.shift = -back;
            placement.late = true;
            placement.offset = 0;
        } else if (distance >= size_) {
            // Beyond the window: move it forward so the frame lands in the last slot; the
            // oldest frames are dropped, trimming latency that the stream no longer needs.
            const int forward = distance - size_ + 1;
            placement.dropped = advance(forward);
            placement.shift = forward;
            placement.offset = size_ - 1;
        } else {
            placement.offset = distance;
        }
        const uint32_t bit = 1u << placement.offset;
        if ((valid_ & bit) != 0) {
            placement.duplicate = true;
            placement.offset = -1;
            return placement;
        }
        valid_ |= bit;
        return placement;
    }

    // Consumes the slot at the read position; returns whether it held a frame. Before the
    // first frame there is no timeline to advance, so nothing moves.
    bool take() {
        if (!started_) {
            return false;
        }
        const bool hadFrame = (valid_ & 1u) != 0;
        advance(1);
        return hadFrame;
    }

    // Changes the window length keeping the frames. When shrinking below the newest frame,
    // the oldest frames are dropped rather than the newest, so latency shrinks with the size.
    // Returns how far the read position moved forward.
    int resize(int size) {
        size = clampSize(size);
        int forward = 0;
        const int newestOffset = std::bit_width(valid_) - 1;
        if (newestOffset >= size) {
            forward = newestOffset - size + 1;
            advance(forward);
        }
        size_ = size;
        return forward;
    }

    int size() const { return size_; }
    bool started() const { return started_; }
    int storedFrames() const { return std::popcount(valid_); }
    bool holds(int offset) const {
        return offset >= 0 && offset < size_ && (valid_ >> offset) & 1u;
    }

  private:
    static int clampSize(int size) { return size < 1 ? 1 : (size > kMaxSize ? kMaxSize : size); }
    static uint32_t lowBits(int count) { return count >= 32 ? ~0u : (1u << count) - 1u; }

    // Moves the read position forward; returns the stored frames that were passed over.
    int advance(int forward) {
        const int passed = std::popcount(valid_ & lowBits(forward));
        valid_ = forward >= 32 ? 0u : valid_ >> forward;
        expected_ = static_cast<uint8_t>(expected_ + forward);
        return passed;
    }

    int size_ = 1;
    uint32_t valid_ = 0;    // bit i: the slot i after the read position holds a frame
    uint8_t expected_ = 0;  // sequence number belonging to the slot at the read position
    bool started_ = false;
};

}  // namespace tutti::audio
