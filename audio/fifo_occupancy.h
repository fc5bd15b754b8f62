#pragma once

// Bookkeeping of a jitter buffer without sequence numbers (PROTOCOL 11): a plain FIFO of up to
// `size` frames that refuses new frames when full. Shared by the real buffer and the
// auto-sizing shadow buffers, like SequenceWindow.

namespace tutti::audio {

class FifoOccupancy {
  public:
    explicit FifoOccupancy(int size = 1) { reset(size); }

    void reset(int size) {
        size_ = size < 1 ? 1 : size;
        count_ = 0;
        started_ = false;
    }

    // Returns false when full: the incoming frame is dropped, the queued ones stay.
    bool put() {
        started_ = true;
        if (count_ >= size_) {
            return false;
        }
        ++count_;
        return true;
    }

    // Returns false when empty.
    bool take() {
        if (count_ == 0) {
            return false;
        }
        --count_;
        return true;
    }

    // Returns how many of the oldest frames had to go to fit a smaller size.
    int resize(int size) {
        size_ = size < 1 ? 1 : size;
        const int excess = count_ > size_ ? count_ - size_ : 0;
        count_ -= excess;
        return excess;
    }

    int size() const { return size_; }
    int count() const { return count_; }
    // Whether any frame has arrived since the reset; underruns before that are not errors.
    bool started() const { return started_; }

  private:
    int size_ = 1;
    int count_ = 0;
    bool started_ = false;
};

}  // namespace tutti::audio
