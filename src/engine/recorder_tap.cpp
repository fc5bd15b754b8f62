#include "src/engine/recorder_tap.h"

#include <algorithm>
#include <cstring>

#include "audio/mix.h"

namespace tutti::engine {

RecorderTap::RecorderTap(std::size_t ringCapacityPowerOfTwo, bool withMix)
    : ring_(ringCapacityPowerOfTwo), withMix_(withMix) {}

bool RecorderTap::beginTick() {
    ++tick_;
    mixFrames_ = 0;
    if (!enabled_.load(std::memory_order_acquire)) {
        completed_.store(tick_, std::memory_order_release);  // nothing of this tick will come
        return false;
    }
    return true;
}

void RecorderTap::push(int slot, uint32_t generation, int channels, const int16_t* pcm,
                       int frames) {
    RecordedFrame* f = ring_.beginWrite();
    if (f == nullptr) {
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    f->tick = tick_;
    f->generation = generation;
    f->slot = static_cast<int16_t>(slot);
    f->channels = static_cast<uint8_t>(channels);
    f->frames = static_cast<uint16_t>(frames);
    std::memcpy(f->pcm.data(), pcm, sizeof(int16_t) * static_cast<std::size_t>(frames * channels));
    ring_.commitWrite();
}

void RecorderTap::addChannel(int slot, uint32_t generation, int channels, const int16_t* pcm,
                             const float* pcmFloat, int frames) {
    if (frames * channels > RecordedFrame::kMaxSamples) {
        return;
    }
    push(slot, generation, channels, pcm, frames);
    if (withMix_) {
        if (mixFrames_ == 0) {
            std::fill(mix_.begin(), mix_.begin() + frames * 2, 0.0f);
            mixFrames_ = frames;
        }
        addToDefaultMix(mix_.data(), pcmFloat, channels, frames);
    }
}

void RecorderTap::addToDefaultMix(float* stereoMix, const float* pcmFloat, int channels,
                                  int frames) {
    // What a stereo listener who never touched a fader hears: every source at gain 1, centre.
    audio::mixPanned(stereoMix, 2, pcmFloat, channels, frames, 1.0f, 0.5f);
}

void RecorderTap::endTick() {
    if (withMix_ && mixFrames_ > 0) {
        audio::convertToInt16Saturating(mix_.data(), mixPcm_.data(), mixFrames_ * 2);
        push(RecordedFrame::kMixSlot, 0, 2, mixPcm_.data(), mixFrames_);
    }
    completed_.store(tick_, std::memory_order_release);
}

}  // namespace tutti::engine
