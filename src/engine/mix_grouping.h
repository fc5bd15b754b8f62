#pragma once

#include <cstdint>
#include <vector>

namespace tutti::engine {

// What a listener's personal mix depends on. Two listeners with equal keys (and the same
// active sources) hear bit-identical mixes, so one encode can serve both.
struct ListenerMixKey {
    bool eligible = false;   // connected, format known, identified: gets a mix every tick
    bool groupable = false;  // its own fade-in is over (until then its mix is its own)
    int frameSamples = 0;
    int channels = 0;
    int codedBytes = 0;
    const float* gain = nullptr;  // per source slot
    const float* pan = nullptr;   // per source slot; ignored for mono listeners
};

// An encoder state copy the engine must make before the next encode: `target` continues
// exactly where `source` is, so the client of `target` hears no seam.
struct EncoderCopy {
    int target;
    int source;
};

// Decides which listeners share one encode. Recomputed only when a control change arrives,
// never by looking at audio. Continuity rule: a client keeps receiving the frames of the encoder
// it was following, either because that encoder stays its group's encoder or because its new
// encoder is first made a copy of that state (EncoderCopy). A listener whose new group encodes
// with another stream first "converges": it encodes the group's PCM with its own encoder until
// the two produce identical bytes (CELT states driven by the same input converge within a few
// frames), and only then switches to the shared bytes, so the switch itself is bit-exact.
class MixGrouping {
  public:
    static constexpr int kConvergedFrames = 3;      // identical frames in a row before switching
    static constexpr int kMaxConvergeFrames = 200;  // switch anyway; never observed in tests

    explicit MixGrouping(int maxChannels);

    // keys[i] for every slot; sourceActive[j]: slot j contributes audio to mixes.
    void recompute(const ListenerMixKey* keys, const bool* sourceActive);
    // A listener's encoder was reset (new client, new format): its client follows it afresh.
    void resetStream(int listener);

    // Leaders encode; every eligible listener has a leader (possibly itself).
    const std::vector<int>& leaders() const { return leaders_; }
    int leaderOf(int listener) const { return leader_[listener]; }
    // True when the listener's frames are its leader's bytes; false when it encodes itself
    // (leader, or converging towards its group).
    bool sharesLeaderFrames(int listener) const { return joined_[listener]; }
    bool converging(int listener) const {
        return leader_[listener] >= 0 && leader_[listener] != listener && !joined_[listener];
    }
    // Converging members of a leader's group (valid after recompute).
    const std::vector<int>& membersOf(int leader) const { return members_[leader]; }
    const std::vector<EncoderCopy>& pendingCopies() const { return copies_; }
    void clearPendingCopies() { copies_.clear(); }

    // After a converging listener encoded this frame itself: were its bytes the leader's?
    void reportFrame(int listener, bool identicalToLeader);

  private:
    uint64_t hashKey(const ListenerMixKey& k, const bool* sourceActive) const;
    bool sameKey(const ListenerMixKey& a, const ListenerMixKey& b, const bool* sourceActive) const;

    int maxChannels_;
    std::vector<int> leader_;
    std::vector<int> stream_;      // whose encoder output the listener's client is receiving
    std::vector<uint8_t> joined_;  // not vector<bool>: members are updated from several threads
    std::vector<int> run_;
    std::vector<int> waited_;
    std::vector<int> leaders_;
    std::vector<std::vector<int>> members_;  // per leader: all members other than the leader
    std::vector<EncoderCopy> copies_;
    // Scratch, sized once.
    std::vector<int> bucketOf_;
    std::vector<int> bucketRep_;
    std::vector<uint64_t> bucketHash_;
    std::vector<int> count_;
    std::vector<int> oldStream_;
};

}  // namespace tutti::engine
