#include "src/mixout/alsa_output.h"

#include <alsa/asoundlib.h>

#include <algorithm>
#include <vector>

namespace tutti::mixout {

namespace {
constexpr unsigned kRate = 48000;
constexpr unsigned kLatencyUs = 60000;  // the device buffer: room for a late tick or two
constexpr std::size_t kMaxPeriod = 4096;

// alsa-lib prints every failed open to stderr; the retry state is logged once instead.
void quietAlsa(const char*, int, const char*, int, const char*, ...) {}
}  // namespace

AlsaOutput::AlsaOutput(MixOutTap& tap, std::string device, int tickSamples)
    : tap_(tap),
      device_(std::move(device)),
      tickSamples_(tickSamples),
      // The writer pulls a period at a time; hold ~20 ms and allow a tick either way.
      aligner_(tap.ring(), 1024 + 2 * static_cast<std::size_t>(tickSamples),
               static_cast<std::size_t>(tickSamples), kMaxPeriod) {}

AlsaOutput::~AlsaOutput() {
    stop();
}

void AlsaOutput::poll(Clock::time_point /*now*/) {
    if (!thread_.joinable() && !stop_.load()) {
        thread_ = std::thread([this] { run(); });
    }
}

void AlsaOutput::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_.store(true);
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    tap_.setEnabled(false);
}

std::string AlsaOutput::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void AlsaOutput::setError(const std::string& e) {
    std::lock_guard lock(mutex_);
    error_ = e;
}

bool AlsaOutput::waitFor(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, d, [this] { return stop_.load(); });
}

void AlsaOutput::run() {
    snd_lib_error_set_handler(&quietAlsa);
    int failures = 0;
    while (!stop_.load()) {
        if (failures > 0) {
            // Read the configuration afresh: a device defined (or a card named) since the last
            // attempt is then found. This thread is the process' only ALSA user.
            snd_config_update_free_global();
        }
        snd_pcm_t* pcm = nullptr;
        std::string why;
        if (int err = snd_pcm_open(&pcm, device_.c_str(), SND_PCM_STREAM_PLAYBACK, 0); err < 0) {
            why = std::string("cannot open ALSA device: ") + snd_strerror(err);
        } else if (err = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16, SND_PCM_ACCESS_RW_INTERLEAVED,
                                            2, kRate, 1, kLatencyUs);
                   err < 0) {
            why = std::string("ALSA device refuses 48 kHz stereo: ") + snd_strerror(err);
        } else {
            aligner_.reset();
            tap_.setEnabled(true);
            running_.store(true, std::memory_order_release);
            setError("");
            failures = 0;
            why = play(pcm);
            running_.store(false, std::memory_order_release);
            tap_.setEnabled(false);
        }
        if (pcm != nullptr) {
            snd_pcm_close(pcm);
        }
        if (why.empty()) {
            break;
        }
        setError(why + "; retrying");
        if (!waitFor(retryDelay(failures++))) {
            break;
        }
    }
}

std::string AlsaOutput::play(void* handle) {
    auto* pcm = static_cast<snd_pcm_t*>(handle);
    snd_pcm_uframes_t buffer = 0;
    snd_pcm_uframes_t period = 0;
    snd_pcm_get_params(pcm, &buffer, &period);
    const std::size_t frames = std::clamp<std::size_t>(period, 64, kMaxPeriod);
    const std::size_t width = static_cast<std::size_t>(tap_.ring().width());
    std::vector<float> in(frames * width);
    std::vector<int16_t> out(frames * 2);
    const auto tick = std::chrono::microseconds(tickSamples_ * 1000000 / static_cast<int>(kRate));
    while (!stop_.load()) {
        // A device that does not block (ALSA's null or file plugins) would otherwise drain the
        // ring faster than the mix fills it; give the mix up to one period to catch up.
        // Before priming, wait as long for the target level, then play a period of silence.
        const std::size_t want = aligner_.primed() ? frames : aligner_.target();
        for (std::size_t waited = 0;
             tap_.ring().readable() < want && waited < frames && !stop_.load();
             waited += static_cast<std::size_t>(tickSamples_)) {
            std::this_thread::sleep_for(tick);
        }
        aligner_.pull(in.data(), frames);
        for (std::size_t i = 0; i < frames; ++i) {
            for (std::size_t c = 0; c < 2; ++c) {
                out[2 * i + c] = static_cast<int16_t>(
                    std::clamp(in[i * width + c] * 32767.0f, -32768.0f, 32767.0f));
            }
        }
        snd_pcm_sframes_t n = snd_pcm_writei(pcm, out.data(), frames);
        if (n < 0) {
            // An xrun or a suspend is recoverable; a vanished device is not.
            n = snd_pcm_recover(pcm, static_cast<int>(n), 1);
        }
        if (n < 0) {
            return std::string("ALSA device failed: ") + snd_strerror(static_cast<int>(n));
        }
    }
    return {};
}

}  // namespace tutti::mixout
