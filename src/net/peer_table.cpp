#include "src/net/peer_table.h"

namespace tutti::net {

std::size_t PeerTable::probe(const PeerAddress& a, bool forInsert) const {
    std::size_t i = a.hash() & (kBuckets - 1);
    std::size_t firstFree = kBuckets;
    for (std::size_t n = 0; n < kBuckets; ++n, i = (i + 1) & (kBuckets - 1)) {
        const Entry& e = entries_[i];
        if (e.slot == kNone) {
            if (forInsert && firstFree == kBuckets) {
                firstFree = i;
            }
            if (!e.tombstone) {
                return forInsert ? firstFree : kBuckets;
            }
        } else if (e.address == a) {
            return i;
        }
    }
    return forInsert ? firstFree : kBuckets;
}

int PeerTable::find(const PeerAddress& a) const {
    std::size_t i = probe(a, false);
    return i == kBuckets ? kNone : entries_[i].slot;
}

void PeerTable::bind(int slot, const PeerAddress& a) {
    if (slot < 0 || static_cast<std::size_t>(slot) >= kMaxSlots) {
        return;
    }
    unbind(slot);
    std::size_t existing = probe(a, false);
    if (existing != kBuckets) {
        // The address moves to the new slot (cannot happen with a consistent control thread).
        bySlot_[entries_[existing].slot] = PeerAddress{};
        entries_[existing].slot = slot;
        bySlot_[slot] = a;
        return;
    }
    std::size_t i = probe(a, true);
    if (entries_[i].tombstone) {
        --tombstones_;
    }
    entries_[i] = Entry{a, slot, false};
    bySlot_[slot] = a;
    ++count_;
}

void PeerTable::unbind(int slot) {
    if (slot < 0 || static_cast<std::size_t>(slot) >= kMaxSlots || !bySlot_[slot].valid()) {
        return;
    }
    std::size_t i = probe(bySlot_[slot], false);
    if (i != kBuckets) {
        entries_[i] = Entry{PeerAddress{}, kNone, true};
        --count_;
        ++tombstones_;
    }
    bySlot_[slot] = PeerAddress{};
    if (tombstones_ > kBuckets / 2) {
        rebuild();
    }
}

void PeerTable::rebuild() {
    entries_.fill(Entry{});
    count_ = 0;
    tombstones_ = 0;
    for (std::size_t s = 0; s < kMaxSlots; ++s) {
        if (bySlot_[s].valid()) {
            std::size_t i = probe(bySlot_[s], true);
            entries_[i] = Entry{bySlot_[s], static_cast<int>(s), false};
            ++count_;
        }
    }
}

}  // namespace tutti::net
