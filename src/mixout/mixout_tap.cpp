#include "src/mixout/mixout_tap.h"

#include <algorithm>

namespace tutti::mixout {

namespace {
// The engine's floats are in the 16-bit range; audio APIs want -1..1.
constexpr float kToUnit = 1.0f / 32768.0f;
}  // namespace

MixOutTap::MixOutTap(std::size_t ringFramesPowerOfTwo, int perChannelSlots)
    : ring_(ringFramesPowerOfTwo, 2 + perChannelSlots),
      slots_(perChannelSlots),
      width_(2 + perChannelSlots),
      block_(static_cast<std::size_t>(kMaxTick * (2 + perChannelSlots)), 0.0f) {}

bool MixOutTap::beginTick(int frames) {
    if (!enabled_.load(std::memory_order_acquire) || frames > kMaxTick) {
        return false;
    }
    if (slots_ > 0) {
        // Channels without input this tick stay silent.
        std::fill(block_.begin(), block_.begin() + frames * width_, 0.0f);
    }
    return true;
}

void MixOutTap::channel(int slot, int channels, const float* pcm, int frames) {
    if (slot < 0 || slot >= slots_) {
        return;
    }
    float* col = block_.data() + 2 + slot;
    if (channels == 2) {
        // One port per client: a stereo client is folded to mono.
        for (int i = 0; i < frames; ++i) {
            col[i * width_] = 0.5f * (pcm[2 * i] + pcm[2 * i + 1]) * kToUnit;
        }
    } else {
        for (int i = 0; i < frames; ++i) {
            col[i * width_] = pcm[i] * kToUnit;
        }
    }
}

void MixOutTap::endTick(const float* stereoMix, int frames) {
    for (int i = 0; i < frames; ++i) {
        float* f = block_.data() + i * width_;
        // Clip as the 16-bit recording does: what the stream hears is what the file holds.
        f[0] = stereoMix ? std::clamp(stereoMix[2 * i] * kToUnit, -1.0f, 1.0f) : 0.0f;
        f[1] = stereoMix ? std::clamp(stereoMix[2 * i + 1] * kToUnit, -1.0f, 1.0f) : 0.0f;
    }
    if (!ring_.write(block_.data(), static_cast<std::size_t>(frames))) {
        overruns_.fetch_add(1, std::memory_order_relaxed);
    }
    ticks_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace tutti::mixout
