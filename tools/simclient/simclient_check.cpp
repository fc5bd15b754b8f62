// Interoperability check of the simulated client against a running server (real Jamulus or
// tutti-server): two clients connect, see each other, hear each other's tone, chat (including a
// split message), mute, pan and leave.
// Usage: tutti_simclient_check --port N [--host 127.0.0.1] [--formats 0|1]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tools/simclient/sim_client.h"
#include "tools/simclient/tone_analysis.h"

namespace sc = tutti::simclient;
using namespace std::chrono_literals;

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    std::printf("%s  %s\n", ok ? "PASS" : "FAIL", what.c_str());
    failures += ok ? 0 : 1;
}

bool hasNames(const sc::SimClient& c, const std::vector<std::string>& names) {
    const auto& list = c.record().clientList;
    if (!list || list->size() != names.size()) {
        return false;
    }
    for (const auto& name : names) {
        if (std::none_of(list->begin(), list->end(),
                         [&](const auto& e) { return e.name == name; })) {
            return false;
        }
    }
    return true;
}

bool heardChat(const sc::SimClient& c, const std::string& fragment) {
    const auto& texts = c.record().chatTexts;
    return std::any_of(texts.begin(), texts.end(),
                       [&](const auto& t) { return t.find(fragment) != std::string::npos; });
}

// Amplitude of the 1 kHz tone over the last half second a client decoded, per output channel.
std::pair<double, double> toneLevels(const sc::SimClient& c) {
    const auto& r = c.record();
    const std::size_t frames = 24000;  // 0.5 s, a whole number of 1 kHz cycles
    const std::size_t have = r.pcm.size() / static_cast<std::size_t>(r.pcmChannels);
    if (have < frames) {
        return {-1.0, -1.0};
    }
    const auto tail = std::span(r.pcm).last(frames * static_cast<std::size_t>(r.pcmChannels));
    const double left = sc::toneAmplitude(tail, r.pcmChannels, 0, 1000.0);
    const double right = r.pcmChannels == 2 ? sc::toneAmplitude(tail, 2, 1, 1000.0) : left;
    return {left, right};
}

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    int port = 0;
    int preset = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--port") {
            port = std::atoi(argv[i + 1]);
        } else if (arg == "--formats") {
            preset = std::atoi(argv[i + 1]);
        } else if (arg == "--host") {
            host = argv[i + 1];
        }
    }
    if (port <= 0 || port > 65535) {
        std::fprintf(stderr, "usage: %s --port N [--host ADDRESS] [--formats 0|1]\n", argv[0]);
        return 2;
    }

    constexpr double kToneAmplitude = 0.3;
    sc::SimClientConfig alice;
    alice.serverHost = host;
    alice.serverPort = static_cast<std::uint16_t>(port);
    alice.profile = {"Alice", "Berlin", 82, 1, 2};
    alice.format = {tutti::protocol::Codec::Opus, 1, 45, 1, true};  // mono, normal, 128 samples

    sc::SimClientConfig bob = alice;
    bob.profile = {"Bob", "Graz", 14, 4, 3};
    bob.format = {tutti::protocol::Codec::Opus64, 2, 35, 1, true};  // stereo, normal, 64 samples

    if (preset == 1) {
        // A 256-sample stereo client (two OPUS frames per datagram) and a mono OPUS64 one.
        alice.format = {tutti::protocol::Codec::Opus, 2, 71, 2, true};
        bob.format = {tutti::protocol::Codec::Opus64, 1, 22, 1, true};
    }

    sc::SimClient a(alice, std::make_unique<sc::ToneSource>(1000.0, kToneAmplitude));
    sc::SimClient b(bob);
    sc::SimClient* both[] = {&a, &b};
    const auto start = sc::Clock::now();

    const bool listed = sc::runClientsUntil(
        both,
        [&] {
            return hasNames(a, {"Alice", "Bob"}) && hasNames(b, {"Alice", "Bob"});
        },
        10s);
    check(listed, "both clients see Alice and Bob in CONN_CLIENTS_LIST");
    check(a.record().clientId.has_value() && b.record().clientId.has_value() &&
              *a.record().clientId != *b.record().clientId,
          "distinct CLIENT_IDs");
    check(a.record().serverVersion.has_value(),
          "server version: " + a.record().serverVersion.value_or("(none)"));
    check(a.sequenceNumbersActive() && b.sequenceNumbersActive(), "sequence numbers switched on");

    std::printf("      listed after %.3f s\n",
                std::chrono::duration<double>(sc::Clock::now() - start).count());
    // A newcomer fades in over 3 s of audio (PROTOCOL.md 9.6); wait until the tone has settled
    // at full level in Bob's mix (checked every 250 ms), then measure half a second.
    bool settled = false;
    for (int i = 0; i < 40 && !settled; ++i) {
        b.clearPcm();
        sc::runClients(both, sc::Clock::now() + 250ms);
        const auto& pcm = b.record().pcm;
        const auto channels = static_cast<std::size_t>(b.record().pcmChannels);
        const std::size_t frames = pcm.size() / channels / 48 * 48;  // whole 1 kHz cycles
        settled = sc::toneAmplitude(std::span(pcm).first(frames * channels), b.record().pcmChannels,
                                    0, 1000.0) > 0.9 * kToneAmplitude;
    }
    std::printf("      tone settled after %.2f s\n",
                std::chrono::duration<double>(sc::Clock::now() - start).count());
    a.clearPcm();
    b.clearPcm();
    sc::runClients(both, sc::Clock::now() + 600ms);
    const double elapsed = std::chrono::duration<double>(sc::Clock::now() - start).count();
    std::printf(
        "      after %.2f s Alice sent %zu datagrams (%.0f/s), Bob %zu (%.0f/s); Bob received "
        "%zu\n",
        elapsed, a.record().audioDatagramsSent, a.record().audioDatagramsSent / elapsed,
        b.record().audioDatagramsSent, b.record().audioDatagramsSent / elapsed,
        b.record().audioDatagramsReceived);
    const auto [bl, br] = toneLevels(b);
    const auto [al, ar] = toneLevels(a);
    std::printf("      tone sent %.3f; Bob hears L %.3f R %.3f; Alice hears herself %.3f\n",
                kToneAmplitude, bl, br, al);
    check(bl > 0.7 * kToneAmplitude && bl < 1.3 * kToneAmplitude && br > 0.7 * kToneAmplitude &&
              br < 1.3 * kToneAmplitude,
          "Bob hears Alice's 1 kHz tone on both sides at about the sent level");
    check(al > 0.7 * kToneAmplitude && al < 1.3 * kToneAmplitude, "Alice hears herself");
    check(b.record().sequenceGaps < 50 && a.record().audioDatagramsWrongLength < 5,
          "audio stream consistent (gaps " + std::to_string(b.record().sequenceGaps) +
              ", wrong lengths " + std::to_string(a.record().audioDatagramsWrongLength) + ")");

    check(a.record().levels && a.record().levels->size() == 2 && b.record().levels &&
              b.record().levels->size() == 2,
          "level lists with two channels");

    a.sendChat("hello from sim <3");
    check(sc::runClientsUntil(
              both,
              [&] {
                  return heardChat(a, "hello from sim &lt;3") &&
                         heardChat(b, "hello from sim &lt;3");
              },
              3s),
          "chat relayed (HTML-escaped) to both");

    const std::string longText(700, 'B');
    b.sendChat(longText);
    check(sc::runClientsUntil(
              both, [&] { return heardChat(a, longText) && heardChat(b, longText); }, 5s),
          "700-character chat relayed (split messages both ways)");

    // Bob mutes Alice in his mix: Alice is told, and Bob no longer hears the tone.
    const std::uint8_t aliceId = a.record().clientId.value_or(0);
    const std::uint8_t bobId = b.record().clientId.value_or(0);
    b.setGain(aliceId, 0.0);
    check(sc::runClientsUntil(
              both,
              [&] {
                  const auto& n = a.record().muteNotices;
                  return !n.empty() && n.back().channel == bobId && n.back().muted == 1;
              },
              3s),
          "Alice gets MUTE_STATE_CHANGED from Bob");
    sc::runClients(both, sc::Clock::now() + 200ms);
    b.clearPcm();
    sc::runClients(both, sc::Clock::now() + 700ms);
    const auto [ml, mr] = toneLevels(b);
    std::printf("      Bob after muting Alice: L %.3f R %.3f\n", ml, mr);
    check(ml >= 0 && ml < 0.02 && mr < 0.02, "muted tone is gone from Bob's mix");

    b.setGain(aliceId, 1.0);
    if (b.record().pcmChannels == 2) {  // a mono listener ignores pan
        b.setPan(aliceId, 0.0);
        sc::runClients(both, sc::Clock::now() + 300ms);
        b.clearPcm();
        sc::runClients(both, sc::Clock::now() + 700ms);
        const auto [pl, pr] = toneLevels(b);
        std::printf("      Bob with Alice panned hard left: L %.3f R %.3f\n", pl, pr);
        check(pl > 0.7 * kToneAmplitude && pr < 0.02, "hard-left pan");
    }

    a.sendPing();
    check(sc::runClientsUntil(
              both, [&] { return a.record().lastPingRoundTrip.has_value(); }, 2s),
          "CLM_PING_MS echoed");

    a.disconnect();
    check(sc::runClientsUntil(
              both, [&] { return hasNames(b, {"Bob"}); }, 5s),
          "after Alice disconnects Bob's list has only Bob");

    b.disconnect();
    sc::runClients(both, sc::Clock::now() + 200ms);

    std::printf("%s (%d failure%s)\n", failures == 0 ? "ALL PASSED" : "FAILED", failures,
                failures == 1 ? "" : "s");
    return failures == 0 ? 0 : 1;
}
