#include "src/mixout/frame_ring.h"

#include <algorithm>
#include <cstring>

namespace tutti::mixout {

FrameRing::FrameRing(std::size_t capacityFramesPowerOfTwo, int width)
    : mask_(capacityFramesPowerOfTwo - 1),
      width_(width),
      samples_(capacityFramesPowerOfTwo * static_cast<std::size_t>(width), 0.0f) {}

bool FrameRing::write(const float* interleaved, std::size_t frames) {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t tail = tail_.load(std::memory_order_acquire);
    if (capacity() - (head - tail) < frames) {
        return false;
    }
    const std::size_t w = static_cast<std::size_t>(width_);
    const std::size_t start = head & mask_;
    const std::size_t first = std::min(frames, capacity() - start);
    std::memcpy(&samples_[start * w], interleaved, first * w * sizeof(float));
    std::memcpy(&samples_[0], interleaved + first * w, (frames - first) * w * sizeof(float));
    head_.store(head + frames, std::memory_order_release);
    return true;
}

std::size_t FrameRing::readable() const {
    return head_.load(std::memory_order_acquire) - tail_.load(std::memory_order_relaxed);
}

std::size_t FrameRing::read(float* out, std::size_t frames) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    const std::size_t n = std::min(frames, head_.load(std::memory_order_acquire) - tail);
    const std::size_t w = static_cast<std::size_t>(width_);
    const std::size_t start = tail & mask_;
    const std::size_t first = std::min(n, capacity() - start);
    std::memcpy(out, &samples_[start * w], first * w * sizeof(float));
    std::memcpy(out + first * w, &samples_[0], (n - first) * w * sizeof(float));
    tail_.store(tail + n, std::memory_order_release);
    return n;
}

void FrameRing::skip(std::size_t frames) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    const std::size_t n = std::min(frames, head_.load(std::memory_order_acquire) - tail);
    tail_.store(tail + n, std::memory_order_release);
}

void FrameRing::flush() {
    tail_.store(head_.load(std::memory_order_acquire), std::memory_order_release);
}

}  // namespace tutti::mixout
