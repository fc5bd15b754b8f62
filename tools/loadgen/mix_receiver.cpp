#include "tools/loadgen/mix_receiver.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "audio/opus_codec.h"
#include "protocol/codec_params.h"

namespace tutti::loadgen {

MixReceiver::MixReceiver(int codedBytes, int frameSamples, int channels,
                         std::vector<std::int64_t>& arrivals)
    : codedBytes_(codedBytes), samples_(frameSamples * channels), arrivals_(arrivals) {}

void MixReceiver::onMix(LoadClient& c, std::span<const std::uint8_t> datagram,
                        std::int64_t arrivalNs, const ArrivalWindow& window) {
    const auto size = static_cast<int>(datagram.size());
    const bool withSequence = size == static_cast<int>(protocol::frameBytesField(
                                          static_cast<std::size_t>(codedBytes_), true));
    if (size != codedBytes_ && !withSequence) {
        ++c.wrongSize;
        return;
    }
    std::optional<std::uint8_t> sequence;
    if (withSequence) {
        sequence = datagram[static_cast<std::size_t>(codedBytes_)];
    }
    if (c.mixes.record(arrivalNs, sequence, window)) {
        arrivals_.push_back(arrivalNs);
    }
    if (c.decoder) {
        std::array<std::int16_t, audio::kNormalFrameSamples * 2> pcm{};
        if (c.decoder->decode(datagram.data(), codedBytes_, pcm.data())) {
            ++c.framesDecoded;
            int peak = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(samples_); ++i) {
                peak = std::max(peak, std::abs(static_cast<int>(pcm[i])));
            }
            if (peak < kSilencePeak) {
                ++c.silentFrames;
            }
        } else {
            ++c.decodeErrors;
        }
    }
}

}  // namespace tutti::loadgen
