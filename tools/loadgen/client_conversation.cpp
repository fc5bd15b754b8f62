#include "tools/loadgen/client_conversation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "protocol/codec_params.h"
#include "protocol/connection_messages.h"
#include "protocol/messages.h"
#include "tools/simclient/version_compare.h"

namespace tutti::loadgen {
namespace p = tutti::protocol;

namespace {

std::uint16_t fixedPoint(double factor) {
    return static_cast<std::uint16_t>(std::floor(std::clamp(factor, 0.0, 1.99) * 32768.0));
}

Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

}  // namespace

ClientConversation::ClientConversation(const LoadOptions& options, int codedBytes)
    : o_(options), codedBytes_(codedBytes) {}

void ClientConversation::onMessage(LoadClient& c, std::uint16_t id,
                                   std::span<const std::uint8_t> payload, Clock::time_point now) {
    switch (id) {
        case p::msgid::kReqSplitMessSupport:
            c.session.setPeerSupportsSplit(true);
            c.session.send(p::SplitMessSupportedMsg{}, now);
            break;
        case p::msgid::kReqNetwTransportProps:
            sendTransportProps(c, now);
            break;
        case p::msgid::kReqJittBufSize:
            c.session.send(p::JittBufSizeMsg{o_.jitterBuf}, now);
            break;
        case p::msgid::kReqChannelInfos:
            sendChannelInfos(c, now);
            break;
        case p::msgid::kVersionAndOs:
            if (const auto v = p::VersionAndOsMsg::decode(payload)) {
                if (o_.sequenceNumbers && !c.sequenceOn &&
                    simclient::versionAtLeast(v->version, 3, 6, 0)) {
                    c.sequenceOn = true;
                    sendTransportProps(c, now);
                }
            }
            break;
        case p::msgid::kClientId:
            if (const auto m = p::ClientIdMsg::decode(payload)) {
                c.channelId = m->channel;
            }
            break;
        case p::msgid::kConnClientsList:
            if (const auto m = p::ConnClientsListMsg::decode(payload)) {
                c.channelIds.clear();
                for (const auto& e : m->entries) {
                    c.channelIds.push_back(e.channel);
                }
            }
            break;
        default:
            break;
    }
}

void ClientConversation::onFirstMix(LoadClient& c, Clock::time_point now) {
    sendChannelInfos(c, now);
    c.session.send(p::ReqConnClientsListMsg{}, now);
    c.session.send(p::JittBufSizeMsg{o_.jitterBuf}, now);
    c.session.send(p::ReqChannelLevelListMsg{1}, now);
}

void ClientConversation::sendTransportProps(LoadClient& c, Clock::time_point now) {
    p::NetwTransportPropsMsg props;
    props.frameBytes = static_cast<std::uint32_t>(
        p::frameBytesField(static_cast<std::size_t>(codedBytes_), c.sequenceOn));
    props.blockFactor = 1;
    props.channels = static_cast<std::uint8_t>(o_.channels);
    props.sampleRate = p::kSampleRate;
    props.codec = static_cast<std::uint16_t>(
        p::opusCodecForFrameSamples(static_cast<std::size_t>(o_.frameSamples)));
    props.flags = c.sequenceOn ? p::NetwTransportPropsMsg::kFlagSequenceNumbers : 0;
    c.session.send(props, now);
}

void ClientConversation::sendChannelInfos(LoadClient& c, Clock::time_point now) {
    char name[16];
    std::snprintf(name, sizeof name, "lg%03d", c.index);
    c.session.send(p::ChannelInfosMsg{0, 0, 0, name, ""}, now);
}

void ClientConversation::sendDistinctMix(LoadClient& c, Clock::time_point now) {
    if (c.channelId < 0) {
        return;
    }
    const double x = c.channelId / 150.0;
    const auto own = static_cast<std::uint8_t>(c.channelId);
    c.session.send(p::ChannelGainMsg{own, fixedPoint(0.25 + 0.5 * x)}, now);
    c.session.send(p::ChannelPanMsg{own, fixedPoint(0.2 + 0.6 * x)}, now);
    auto ids = c.channelIds;
    const auto self = std::find(ids.begin(), ids.end(), own);
    if (self != ids.end()) {
        std::rotate(ids.begin(), self, ids.end());  // own id first, then the following ones
    }
    const double others[2] = {0.9 - 0.4 * x, 0.5 + 0.3 * ((c.channelId * 37) % 150) / 150.0};
    for (std::size_t k = 1; k < ids.size() && k <= 2; ++k) {
        c.session.send(p::ChannelGainMsg{ids[k], fixedPoint(others[k - 1])}, now);
    }
}

bool ClientConversation::faderStep(LoadClient& c, Clock::time_point now) {
    if (c.faderStepsLeft == 0) {
        c.nextFaderMove += seconds(o_.faderIntervalS);
        std::vector<std::uint8_t> others;
        for (auto id : c.channelIds) {
            if (id != c.channelId) {
                others.push_back(id);
            }
        }
        if (others.empty()) {
            return false;
        }
        c.faderSource = others[static_cast<std::size_t>(c.faderRound++) % others.size()];
        c.faderStepsLeft = kFaderSteps;
        c.nextFaderStep = now;
    }
    const int step = kFaderSteps - c.faderStepsLeft;
    const double gain = 0.3 + 0.1 * step + 0.001 * std::max(c.channelId, 0);
    c.session.send(p::ChannelGainMsg{static_cast<std::uint8_t>(c.faderSource), fixedPoint(gain)},
                   now);
    --c.faderStepsLeft;
    c.nextFaderStep = c.faderStepsLeft > 0 ? now + kFaderStepInterval : Clock::time_point::max();
    return true;
}

}  // namespace tutti::loadgen
