#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "src/net/peer_address.h"

namespace tutti::net {

// Maps a peer address to its channel slot. Fixed capacity, open addressing, no allocation: the
// socket reader looks up every audio datagram here. Only one thread may use an instance.
class PeerTable {
  public:
    static constexpr std::size_t kMaxSlots = 150;
    static constexpr int kNone = -1;

    int find(const PeerAddress& a) const;
    // Binds `a` to `slot`, replacing whatever that slot had.
    void bind(int slot, const PeerAddress& a);
    void unbind(int slot);
    std::size_t size() const { return count_; }

  private:
    static constexpr std::size_t kBuckets = 512;  // power of two, > 3x kMaxSlots
    struct Entry {
        PeerAddress address;
        int slot = kNone;
        bool tombstone = false;
    };
    std::size_t probe(const PeerAddress& a, bool forInsert) const;
    std::array<Entry, kBuckets> entries_{};
    std::array<PeerAddress, kMaxSlots> bySlot_{};
    std::size_t count_ = 0;
    std::size_t tombstones_ = 0;
    void rebuild();
};

}  // namespace tutti::net
