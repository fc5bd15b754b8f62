#include "src/engine/mix_grouping.h"

#include <algorithm>

namespace tutti::engine {

MixGrouping::MixGrouping(int maxChannels)
    : maxChannels_(maxChannels),
      leader_(maxChannels, -1),
      stream_(maxChannels),
      joined_(maxChannels, 0),
      run_(maxChannels, 0),
      waited_(maxChannels, 0),
      members_(maxChannels),
      bucketOf_(maxChannels, -1),
      bucketRep_(maxChannels, -1),
      bucketHash_(maxChannels, 0),
      count_(maxChannels, 0),
      oldStream_(maxChannels, 0) {
    for (int i = 0; i < maxChannels; ++i) {
        stream_[i] = i;
        members_[i].reserve(maxChannels);
    }
    leaders_.reserve(maxChannels);
    copies_.reserve(maxChannels);
}

void MixGrouping::resetStream(int listener) {
    stream_[listener] = listener;
    joined_[listener] = false;
}

uint64_t MixGrouping::hashKey(const ListenerMixKey& k, const bool* sourceActive) const {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const void* p, std::size_t n) {
        const auto* b = static_cast<const uint8_t*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h = (h ^ b[i]) * 1099511628211ull;
        }
    };
    mix(&k.frameSamples, sizeof(int));
    mix(&k.channels, sizeof(int));
    mix(&k.codedBytes, sizeof(int));
    for (int j = 0; j < maxChannels_; ++j) {
        if (sourceActive[j]) {
            mix(&k.gain[j], sizeof(float));
            if (k.channels == 2) {
                mix(&k.pan[j], sizeof(float));
            }
        }
    }
    return h;
}

bool MixGrouping::sameKey(const ListenerMixKey& a, const ListenerMixKey& b,
                          const bool* sourceActive) const {
    if (a.frameSamples != b.frameSamples || a.channels != b.channels ||
        a.codedBytes != b.codedBytes) {
        return false;
    }
    for (int j = 0; j < maxChannels_; ++j) {
        if (sourceActive[j] &&
            (a.gain[j] != b.gain[j] || (a.channels == 2 && a.pan[j] != b.pan[j]))) {
            return false;
        }
    }
    return true;
}

void MixGrouping::recompute(const ListenerMixKey* keys, const bool* sourceActive) {
    // 1. Buckets of identical keys (a bucket is named by its first member).
    int buckets = 0;
    for (int i = 0; i < maxChannels_; ++i) {
        bucketOf_[i] = -1;
        if (!keys[i].eligible) {
            continue;
        }
        if (keys[i].groupable) {
            const uint64_t h = hashKey(keys[i], sourceActive);
            for (int b = 0; b < buckets; ++b) {
                const int rep = bucketRep_[b];
                if (bucketHash_[b] == h && keys[rep].groupable &&
                    sameKey(keys[rep], keys[i], sourceActive)) {
                    bucketOf_[i] = b;
                    break;
                }
            }
            if (bucketOf_[i] < 0) {
                bucketHash_[buckets] = h;
            }
        }
        if (bucketOf_[i] < 0) {
            bucketRep_[buckets] = i;
            bucketOf_[i] = buckets++;
            if (!keys[i].groupable) {
                bucketHash_[bucketOf_[i]] = 0;
            }
        }
    }

    // 2. Per bucket: the leader is the member that keeps the most clients on the stream they
    // already hear.
    std::copy(stream_.begin(), stream_.end(), oldStream_.begin());
    const std::vector<int>& oldStream = oldStream_;
    leaders_.clear();
    for (int i = 0; i < maxChannels_; ++i) {
        members_[i].clear();
        if (bucketOf_[i] < 0) {
            leader_[i] = -1;
            joined_[i] = false;
        }
    }
    for (int b = 0; b < buckets; ++b) {
        std::fill(count_.begin(), count_.end(), 0);
        int best = -1;
        for (int i = 0; i < maxChannels_; ++i) {
            if (bucketOf_[i] == b) {
                const int s = oldStream[i];
                ++count_[s];
                const bool sInBucket = bucketOf_[s] == b;
                if (best < 0 || count_[s] > count_[best] ||
                    (count_[s] == count_[best] && sInBucket && bucketOf_[best] != b)) {
                    best = s;
                }
            }
        }
        int leader = best;
        if (bucketOf_[best] != b) {
            for (int i = 0; i < maxChannels_; ++i) {
                if (bucketOf_[i] == b && oldStream[i] == best) {
                    leader = i;
                    break;
                }
            }
        }
        leaders_.push_back(leader);
        leader_[leader] = leader;
        joined_[leader] = false;
        if (oldStream[leader] != leader) {
            // Its client was hearing `best`; its own encoder takes over from exactly there.
            copies_.push_back({leader, oldStream[leader]});
        }
        stream_[leader] = leader;
        for (int i = 0; i < maxChannels_; ++i) {
            if (bucketOf_[i] != b || i == leader) {
                continue;
            }
            leader_[i] = leader;
            members_[leader].push_back(i);
            if (oldStream[i] == best) {
                joined_[i] = true;  // it already hears exactly the leader's stream
                stream_[i] = leader;
            } else {
                if (oldStream[i] != i) {
                    copies_.push_back({i, oldStream[i]});
                }
                stream_[i] = i;
                joined_[i] = false;
                run_[i] = 0;
                waited_[i] = 0;
            }
        }
    }
}

void MixGrouping::reportFrame(int listener, bool identicalToLeader) {
    if (!converging(listener)) {
        return;
    }
    run_[listener] = identicalToLeader ? run_[listener] + 1 : 0;
    if (run_[listener] >= kConvergedFrames || ++waited_[listener] >= kMaxConvergeFrames) {
        joined_[listener] = true;
        stream_[listener] = leader_[listener];
    }
}

}  // namespace tutti::engine
