#include "audio/jitter_buffer.h"

#include <cstring>

namespace tutti::audio {

JitterBuffer::JitterBuffer() : storage_(static_cast<std::size_t>(kSlots) * kMaxFrameBytes) {
    clear();
}

bool JitterBuffer::configure(int frameBytes, bool sequenceNumbers, int frameSamples) {
    const bool valid = frameBytes >= 1 && frameBytes <= kMaxFrameBytes;
    frameBytes_ = valid ? frameBytes : 0;
    sequenceNumbers_ = sequenceNumbers;
    frameSamples_ = frameSamples;
    clear();
    return valid;
}

bool JitterBuffer::setRequestedSize(int value) {
    if (value == kAutoSize) {
        if (!auto_) {
            auto_ = true;
            autoSizeChanged_ = true;
            autoSizer_.reset(sequenceNumbers_, frameSamples_);
            applySize(autoSizer_.size());
        }
        return true;
    }
    if (value < kMinSize || value > kMaxSize) {
        return false;
    }
    auto_ = false;
    autoSizeChanged_ = false;
    fixedSize_ = value;
    applySize(value);
    return true;
}

void JitterBuffer::clear() {
    autoSizer_.reset(sequenceNumbers_, frameSamples_);
    const int size = currentSize();
    window_.reset(size);
    fifo_.reset(size);
    head_ = 0;
    if (auto_) {
        // The auto size restarts from its initial value, which the client should be told.
        autoSizeChanged_ = true;
    }
}

int JitterBuffer::currentSize() const {
    return auto_ ? autoSizer_.size() : fixedSize_;
}

int JitterBuffer::storedFrames() const {
    return sequenceNumbers_ ? window_.storedFrames() : fifo_.count();
}

std::optional<int> JitterBuffer::takeAutoSizeChange() {
    if (!auto_ || !autoSizeChanged_) {
        return std::nullopt;
    }
    autoSizeChanged_ = false;
    return autoSizer_.size();
}

bool JitterBuffer::put(const uint8_t* frame, int bytes, std::optional<uint8_t> sequence) {
    if (frameBytes_ == 0 || bytes != frameBytes_ || frame == nullptr ||
        (sequenceNumbers_ && !sequence)) {
        ++stats_.rejected;
        return false;
    }
    if (auto_) {
        autoSizer_.onPut(sequence);
    }

    int offset = 0;
    if (sequenceNumbers_) {
        const SequenceWindow::Placement placement = window_.put(*sequence);
        head_ = ringIndex(placement.shift);
        stats_.overruns += static_cast<uint64_t>(placement.dropped);
        stats_.late += placement.late ? 1 : 0;
        if (placement.duplicate) {
            ++stats_.duplicates;
            return false;
        }
        offset = placement.offset;
    } else {
        // The new frame goes behind the ones already queued.
        offset = fifo_.count();
        if (!fifo_.put()) {
            ++stats_.overruns;
            return false;
        }
    }
    std::memcpy(slot(ringIndex(offset)), frame, static_cast<std::size_t>(bytes));
    ++stats_.received;
    return true;
}

bool JitterBuffer::get(uint8_t* out) {
    const bool started = sequenceNumbers_ ? window_.started() : fifo_.started();
    const bool hasFrame = sequenceNumbers_ ? window_.take() : fifo_.take();
    if (hasFrame) {
        std::memcpy(out, slot(head_), static_cast<std::size_t>(frameBytes_));
    } else if (started) {
        ++stats_.underruns;
    }
    // A sequence window always moves on (the missing frame's time has passed); a FIFO only
    // moves when it handed out a frame.
    if (hasFrame || (sequenceNumbers_ && started)) {
        head_ = ringIndex(1);
    }

    if (auto_) {
        const int before = autoSizer_.size();
        const int after = autoSizer_.onGet();
        if (after != before) {
            applySize(after);
            autoSizeChanged_ = true;
        }
    }
    return hasFrame;
}

int JitterBuffer::ringIndex(int offsetFromHead) const {
    // Offsets may be negative (window moved back) or larger than the ring (a long jump).
    const int index = (head_ + offsetFromHead) % kSlots;
    return index < 0 ? index + kSlots : index;
}

void JitterBuffer::applySize(int size) {
    // Shrinking drops the oldest frames: the newest audio stays and latency goes down.
    if (sequenceNumbers_) {
        head_ = ringIndex(window_.resize(size));
        fifo_.resize(size);
    } else {
        head_ = ringIndex(fifo_.resize(size));
        window_.resize(size);
    }
}

}  // namespace tutti::audio
