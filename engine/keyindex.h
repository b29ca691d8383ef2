// KeyIndex: the distinct keys of a partition in first-seen order, with O(1) lookup.
#pragma once

#include "value.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace dsl {

/// Numbers the distinct keys of a partition 0, 1, 2... in the order they are first seen (the
/// order PySpark's dict-based merge yields), so callers keep per-key state in plain vectors.
/// An open-addressing table (linear probing, load <= 1/2) of key numbers tagged with their
/// Value::fastHash: one hash per record, no allocation per key, and probes that rarely touch
/// a key. This is the hot loop of every combineByKey, groupByKey and cogroup.
class KeyIndex {
public:
    explicit KeyIndex(std::size_t expectedKeys = 0) { rehash(capacityFor(expectedKeys)); }

    /// The number of key (inserting it as number size() when new) and whether it was new.
    std::pair<std::size_t, bool> insert(const Value &key)
    {
        const std::uint64_t h = key.fastHash();
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = static_cast<std::size_t>(h) & m_mask;; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (s.number == 0) {
                if (2 * (m_keys.size() + 1) > m_slots.size()) {
                    rehash(2 * m_slots.size());
                    return insert(key);
                }
                m_keys.push_back(key);
                m_hashes.push_back(h);
                s = Slot{static_cast<std::uint32_t>(m_keys.size()), tag};
                return {m_keys.size() - 1, true};
            }
            if (s.tag == tag && m_keys[s.number - 1] == key) return {s.number - 1, false};
        }
    }

    std::size_t size() const { return m_keys.size(); }
    /// The keys by number; move them out when done.
    std::vector<Value> &keys() { return m_keys; }

private:
    struct Slot {
        std::uint32_t number = 0; ///< key number + 1; 0 = empty
        std::uint32_t tag = 0;    ///< high half of the key's hash
    };

    static std::size_t capacityFor(std::size_t keys)
    {
        // Start small: a partition often has far fewer distinct keys than records.
        std::size_t c = 16;
        while (c < 2 * std::min<std::size_t>(keys, 4096)) c *= 2;
        return c;
    }

    void rehash(std::size_t capacity)
    {
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        for (std::uint32_t n = 1; n <= m_keys.size(); ++n) {
            const std::uint64_t h = m_hashes[n - 1];
            std::size_t i = static_cast<std::size_t>(h) & m_mask;
            while (m_slots[i].number != 0) i = (i + 1) & m_mask;
            m_slots[i] = Slot{n, static_cast<std::uint32_t>(h >> 32)};
        }
    }

    std::vector<Value> m_keys;
    std::vector<std::uint64_t> m_hashes; ///< fastHash of each key, for rehashing
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
};

} // namespace dsl
