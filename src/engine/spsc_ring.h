#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <new>

namespace tutti::engine {

// Wait-free single-producer/single-consumer ring of fixed-size slots. The slots are allocated
// once; producer and consumer fill and drain them in place (begin/commit), so even large
// payloads are never copied twice and nothing allocates after construction. Exactly one thread
// may produce and one (other) thread consume.
template <typename T>
class SpscRing {
  public:
    explicit SpscRing(std::size_t capacityPowerOfTwo)
        : mask_(capacityPowerOfTwo - 1), slots_(std::make_unique<T[]>(capacityPowerOfTwo)) {}

    // Producer: a slot to fill, or nullptr when the ring is full.
    T* beginWrite() {
        const std::size_t head = head_.load(std::memory_order_relaxed);
        if (head - tailCache_ > mask_) {
            tailCache_ = tail_.load(std::memory_order_acquire);
            if (head - tailCache_ > mask_) {
                return nullptr;
            }
        }
        return &slots_[head & mask_];
    }
    void commitWrite() {
        head_.store(head_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }

    bool push(const T& value) {
        T* slot = beginWrite();
        if (slot == nullptr) {
            return false;
        }
        *slot = value;
        commitWrite();
        return true;
    }

    // Consumer: the oldest filled slot, or nullptr when empty.
    T* beginRead() {
        const std::size_t tail = tail_.load(std::memory_order_relaxed);
        if (tail == headCache_) {
            headCache_ = head_.load(std::memory_order_acquire);
            if (tail == headCache_) {
                return nullptr;
            }
        }
        return &slots_[tail & mask_];
    }
    void commitRead() {
        tail_.store(tail_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }

    bool pop(T& out) {
        T* slot = beginRead();
        if (slot == nullptr) {
            return false;
        }
        out = *slot;
        commitRead();
        return true;
    }

    std::size_t capacity() const { return mask_ + 1; }
    // Producer: how many slots are filled (at least; the consumer may be draining meanwhile).
    std::size_t filledForProducer() const {
        return head_.load(std::memory_order_relaxed) - tail_.load(std::memory_order_acquire);
    }

  private:
    static constexpr std::size_t kLine = 64;
    const std::size_t mask_;
    std::unique_ptr<T[]> slots_;
    alignas(kLine) std::atomic<std::size_t> head_{0};
    std::size_t tailCache_ = 0;  // producer's view of tail_
    alignas(kLine) std::atomic<std::size_t> tail_{0};
    std::size_t headCache_ = 0;  // consumer's view of head_
};

}  // namespace tutti::engine
