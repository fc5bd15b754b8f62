#include "src/mixout/jack_output.h"

#include <algorithm>
#include <cstdio>

namespace tutti::mixout {

namespace {
constexpr std::size_t kMaxChunk = 1024;  // frames per pull; bigger JACK periods take several

std::string portName(int slot, const std::string& name) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%02d-", slot);
    std::string s = prefix + (name.empty() ? std::string("empty") : name);
    std::replace(s.begin(), s.end(), ':', '_');  // a colon separates client and port
    return s;
}
}  // namespace

JackOutput::JackOutput(MixOutTap& tap, std::string clientName, int tickSamples, InputRing* input,
                       std::string inputName)
    : tap_(tap),
      clientName_(std::move(clientName)),
      tickSamples_(tickSamples),
      input_(input),
      inputName_(std::move(inputName)),
      channelPorts_(std::make_unique<std::atomic<jack_port_t*>[]>(
          static_cast<std::size_t>(std::max(1, tap.perChannelSlots())))),
      channelNames_(static_cast<std::size_t>(tap.perChannelSlots())),
      frames_(kMaxChunk * static_cast<std::size_t>(tap.ring().width()), 0.0f) {
    // libjack prints every failed connection attempt; the retry state is reported instead.
    jack_set_error_function([](const char*) {});
    jack_set_info_function([](const char*) {});
    for (int i = 0; i < std::max(1, tap.perChannelSlots()); ++i) {
        channelPorts_[static_cast<std::size_t>(i)].store(nullptr);
    }
}

JackOutput::~JackOutput() {
    stop();
}

void JackOutput::stop() {
    close();
}

uint64_t JackOutput::underruns() const {
    return pastUnderruns_ + (aligner_ ? aligner_->underruns() : 0);
}

uint64_t JackOutput::corrections() const {
    return pastCorrections_ + (aligner_ ? aligner_->corrections() : 0);
}

void JackOutput::poll(Clock::time_point now) {
    if (client_ != nullptr && serverGone_.load(std::memory_order_acquire)) {
        fail("the JACK server stopped", now);
    }
    if (client_ == nullptr && now >= nextAttempt_) {
        open(now);
    }
}

void JackOutput::fail(const std::string& why, Clock::time_point now) {
    close();
    error_ = why + "; retrying";
    nextAttempt_ = now + retryDelay(failures_++);
}

void JackOutput::open(Clock::time_point now) {
    jack_status_t status{};
    // Never start a JACK server of our own: the operator's server is the one to feed.
    client_ = jack_client_open(clientName_.c_str(), JackNoStartServer, &status);
    if (client_ == nullptr) {
        fail("no JACK server to connect to", now);
        return;
    }
    serverGone_.store(false, std::memory_order_release);
    if (const jack_nframes_t rate = jack_get_sample_rate(client_); rate != 48000) {
        // Jamulus audio is 48 kHz; converting to another rate is left to the operator's setup.
        fail("the JACK server runs at " + std::to_string(rate) + " Hz, Tutti's mix is 48000 Hz",
             now);
        return;
    }
    mix_[0] = jack_port_register(client_, "mix_left", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    mix_[1] =
        jack_port_register(client_, "mix_right", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    if (mix_[0] == nullptr || mix_[1] == nullptr) {
        fail("cannot register JACK ports", now);
        return;
    }
    if (input_ != nullptr) {
        in_[0] = jack_port_register(client_, (inputName_ + "_left").c_str(),
                                    JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
        in_[1] = jack_port_register(client_, (inputName_ + "_right").c_str(),
                                    JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
        if (in_[0] == nullptr || in_[1] == nullptr) {
            fail("cannot register JACK input ports", now);
            return;
        }
    }
    for (int slot = 0; slot < tap_.perChannelSlots(); ++slot) {
        if (!channelNames_[static_cast<std::size_t>(slot)].empty()) {
            nameChannelPort(slot);
        }
    }
    // Hold one JACK period and two ticks: the period is taken at once, the ticks arrive on the
    // server's own clock.
    const std::size_t period = jack_get_buffer_size(client_);
    const std::size_t tick = static_cast<std::size_t>(tickSamples_);
    if (aligner_) {
        pastUnderruns_ += aligner_->underruns();
        pastCorrections_ += aligner_->corrections();
    }
    aligner_ = std::make_unique<ClockAligner>(tap_.ring(), period + 2 * tick, tick, kMaxChunk);
    aligner_->reset();  // what queued up before is stale
    if (input_ != nullptr) {
        input_->restart(period);
    }
    jack_set_process_callback(client_, &JackOutput::process, this);
    jack_on_shutdown(client_, &JackOutput::shutdown, this);
    jack_set_buffer_size_callback(client_, &JackOutput::bufferSizeChanged, this);
    if (jack_activate(client_) != 0) {
        fail("cannot activate the JACK client", now);
        return;
    }
    tap_.setEnabled(true);
    error_.clear();
    failures_ = 0;
}

void JackOutput::close() {
    tap_.setEnabled(false);
    if (client_ == nullptr) {
        return;
    }
    if (!serverGone_.load(std::memory_order_acquire)) {
        jack_deactivate(client_);
    }
    jack_client_close(client_);
    client_ = nullptr;
    mix_[0] = mix_[1] = nullptr;
    in_[0] = in_[1] = nullptr;
    for (int i = 0; i < tap_.perChannelSlots(); ++i) {
        channelPorts_[static_cast<std::size_t>(i)].store(nullptr, std::memory_order_release);
    }
}

void JackOutput::setChannelNames(const std::vector<std::pair<int, std::string>>& names) {
    std::vector<std::string> next(channelNames_.size());
    for (const auto& [slot, name] : names) {
        if (slot >= 0 && static_cast<std::size_t>(slot) < next.size()) {
            next[static_cast<std::size_t>(slot)] = name.empty() ? "client" : name;
        }
    }
    for (std::size_t slot = 0; slot < next.size(); ++slot) {
        if (next[slot] != channelNames_[slot]) {
            channelNames_[slot] = next[slot];
            if (client_ != nullptr) {
                nameChannelPort(static_cast<int>(slot));
            }
        }
    }
}

// A port appears with a slot's first client and then stays (renamed, silent when the slot is
// empty): unregistering under the running callback would race with it.
void JackOutput::nameChannelPort(int slot) {
    const std::string name = portName(slot, channelNames_[static_cast<std::size_t>(slot)]);
    std::atomic<jack_port_t*>& port = channelPorts_[static_cast<std::size_t>(slot)];
    if (jack_port_t* p = port.load(std::memory_order_acquire)) {
        jack_port_rename(client_, p, name.c_str());
        return;
    }
    port.store(
        jack_port_register(client_, name.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0),
        std::memory_order_release);
}

int JackOutput::process(jack_nframes_t frames, void* self) {
    auto* o = static_cast<JackOutput*>(self);
    if (const std::size_t target = o->newTarget_.exchange(0, std::memory_order_acq_rel)) {
        o->aligner_->reset(target);  // the consumer's own side of the ring: safe here
    }
    const int width = o->tap_.ring().width();
    const int slots = o->tap_.perChannelSlots();
    jack_default_audio_sample_t* out[2] = {
        static_cast<jack_default_audio_sample_t*>(jack_port_get_buffer(o->mix_[0], frames)),
        static_cast<jack_default_audio_sample_t*>(jack_port_get_buffer(o->mix_[1], frames))};
    if (o->in_[0] != nullptr) {
        o->input_->push(static_cast<const jack_default_audio_sample_t*>(
                            jack_port_get_buffer(o->in_[0], frames)),
                        static_cast<const jack_default_audio_sample_t*>(
                            jack_port_get_buffer(o->in_[1], frames)),
                        frames);
    }
    for (jack_nframes_t done = 0; done < frames;) {
        const std::size_t n = std::min<std::size_t>(kMaxChunk, frames - done);
        o->aligner_->pull(o->frames_.data(), n);
        const float* in = o->frames_.data();
        for (std::size_t i = 0; i < n; ++i) {
            out[0][done + i] = in[i * static_cast<std::size_t>(width)];
            out[1][done + i] = in[i * static_cast<std::size_t>(width) + 1];
        }
        for (int s = 0; s < slots; ++s) {
            jack_port_t* p =
                o->channelPorts_[static_cast<std::size_t>(s)].load(std::memory_order_acquire);
            if (p == nullptr) {
                continue;
            }
            auto* buf = static_cast<jack_default_audio_sample_t*>(jack_port_get_buffer(p, frames));
            for (std::size_t i = 0; i < n; ++i) {
                buf[done + i] = in[i * static_cast<std::size_t>(width) + 2 + s];
            }
        }
        done += static_cast<jack_nframes_t>(n);
    }
    return 0;
}

// The operator changed JACK's period (e.g. with jack_bufsize): hold one new period and two ticks.
int JackOutput::bufferSizeChanged(jack_nframes_t frames, void* self) {
    auto* o = static_cast<JackOutput*>(self);
    o->newTarget_.store(frames + 2 * static_cast<std::size_t>(o->tickSamples_),
                        std::memory_order_release);
    if (o->input_ != nullptr) {
        o->input_->restart(frames);
    }
    return 0;
}

void JackOutput::shutdown(void* self) {
    static_cast<JackOutput*>(self)->serverGone_.store(true, std::memory_order_release);
}

}  // namespace tutti::mixout
