// Who gets a channel (issue 8, PROTOCOL.md 14). Any audio-looking datagram from a new address
// opens a channel, so a flood of them from many ports or many spoofed addresses could hold every
// slot for the 30 s time-out. Real clients acknowledge the server's first message within a round
// trip; a channel that has not done so within kEstablishWindow is not established and gives way:
// when the server is full, a newcomer is sent CLIENT_ID for such a slot as a challenge, and if it
// acknowledges it (which spoofed and non-answering sources cannot), the unestablished occupant
// is dropped and the newcomer takes the slot. One IP may hold at most maxPerAddress channels.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "src/net/peer_address.h"

namespace tutti::server {

class ChannelAdmission {
  public:
    using Clock = std::chrono::steady_clock;

    // Longer than any real round trip, short enough that a flood cannot keep a client out.
    static constexpr auto kEstablishWindow = std::chrono::seconds(1);
    // One challenge per second per address: it is 12 bytes, never more than the datagram that
    // asked for it, so challenges cannot amplify.
    static constexpr auto kChallengeInterval = std::chrono::seconds(1);
    static constexpr auto kChallengeValidity = std::chrono::seconds(5);
    static constexpr std::size_t kMaxChallenges = 4096;
    static constexpr int kDefaultMaxPerAddress = 32;

    // What the policy needs to know of a slot.
    struct Slot {
        bool connected = false;
        bool established = false;  // the peer has acknowledged one of our messages
        std::string ip;
        Clock::time_point openedAt{};
    };

    struct Decision {
        enum class Kind { Open, Challenge, Full, AddressLimit };
        Kind kind = Kind::Full;
        int slot = -1;
    };

    explicit ChannelAdmission(int maxPerAddress = kDefaultMaxPerAddress)
        : maxPerAddress_(maxPerAddress) {}

    // For audio from an address without a channel.
    Decision decide(std::span<const Slot> slots, const std::string& ip,
                    Clock::time_point now) const;
    bool evictable(const Slot& slot, Clock::time_point now) const;

    // Records that a challenge for `slot` goes to `from`; false when one went out less than
    // kChallengeInterval ago (then nothing is sent) or too many are outstanding.
    bool challenge(const net::PeerAddress& from, int slot, Clock::time_point now);
    // The slot a challenged address was offered, if it answers in time; forgets the challenge.
    std::optional<int> takeChallenge(const net::PeerAddress& from, Clock::time_point now);

    uint64_t refusedForAddressLimit() const { return refusedForAddressLimit_; }
    void countAddressLimit() { ++refusedForAddressLimit_; }

  private:
    struct Challenge {
        int slot;
        Clock::time_point sentAt;
    };
    void prune(Clock::time_point now);

    int maxPerAddress_;
    std::unordered_map<net::PeerAddress, Challenge, net::PeerAddressHash> challenges_;
    Clock::time_point lastPrune_{};
    uint64_t refusedForAddressLimit_ = 0;
};

}  // namespace tutti::server
