#pragma once

#include <cstdint>
#include <span>

namespace tutti::simclient {

// Supplies the audio a simulated client sends, one frame at a time.
class PcmSource {
  public:
    virtual ~PcmSource() = default;
    // Fills `interleaved` (frames x channels samples) with the next stretch of signal.
    virtual void fill(std::span<std::int16_t> interleaved, int channels) = 0;
};

class SilenceSource : public PcmSource {
  public:
    void fill(std::span<std::int16_t> interleaved, int channels) override;
};

// A sine tone; amplitude is a fraction of full scale. For stereo the tone goes to the channels
// selected, silence to the others, so pan and balance can be measured per side.
class ToneSource : public PcmSource {
  public:
    ToneSource(double frequencyHz, double amplitude, bool left = true, bool right = true);
    void fill(std::span<std::int16_t> interleaved, int channels) override;

  private:
    double phase_ = 0.0;
    double phaseStep_;
    double amplitude_;
    bool left_;
    bool right_;
};

}  // namespace tutti::simclient
