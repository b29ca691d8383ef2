// BatchHistory: the batches of a run by batch time, as a sorted vector with a map's interface.
#pragma once

#include "engine/simtime.h"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace dsl::session {

struct BatchSnapshot;

/// Every published RunSnapshot carries the history (up to HistoryRetention::kept batches, 4,000
/// by default), and the session publishes up to once a display frame. As a std::map, each
/// publish copied 4,000 tree nodes (a node allocation and a reference-count increment each);
/// as a sorted vector it is one allocation and a block of pointer copies, and appending the
/// newest batch or dropping the oldest ones costs nothing per retained batch. The interface
/// is the part of std::map the views use (find, lower_bound, upper_bound, ordered iteration,
/// operator[]), so reading code does not change.
class BatchHistory {
public:
    using key_type = SimTime;
    using mapped_type = std::shared_ptr<const BatchSnapshot>;
    using value_type = std::pair<SimTime, mapped_type>;
    using container = std::vector<value_type>;
    using iterator = container::iterator;
    using const_iterator = container::const_iterator;
    using reverse_iterator = container::reverse_iterator;
    using const_reverse_iterator = container::const_reverse_iterator;
    using size_type = container::size_type;

    iterator begin() { return m_items.begin(); }
    iterator end() { return m_items.end(); }
    const_iterator begin() const { return m_items.begin(); }
    const_iterator end() const { return m_items.end(); }
    reverse_iterator rbegin() { return m_items.rbegin(); }
    reverse_iterator rend() { return m_items.rend(); }
    const_reverse_iterator rbegin() const { return m_items.rbegin(); }
    const_reverse_iterator rend() const { return m_items.rend(); }
    size_type size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    void clear() { m_items.clear(); }

    iterator lower_bound(SimTime t) { return std::lower_bound(begin(), end(), t, keyLess); }
    const_iterator lower_bound(SimTime t) const { return std::lower_bound(begin(), end(), t, keyLess); }
    iterator upper_bound(SimTime t) { return std::upper_bound(begin(), end(), t, lessKey); }
    const_iterator upper_bound(SimTime t) const { return std::upper_bound(begin(), end(), t, lessKey); }
    iterator find(SimTime t)
    {
        auto it = lower_bound(t);
        return it != end() && it->first == t ? it : end();
    }
    const_iterator find(SimTime t) const
    {
        auto it = lower_bound(t);
        return it != end() && it->first == t ? it : end();
    }
    size_type count(SimTime t) const { return find(t) != end() ? 1 : 0; }
    bool contains(SimTime t) const { return find(t) != end(); }

    /// Inserts (t, p) unless t is there; batches arrive in time order, so this appends.
    std::pair<iterator, bool> emplace(SimTime t, mapped_type p)
    {
        if (m_items.empty() || m_items.back().first < t) {
            m_items.emplace_back(t, std::move(p));
            return {std::prev(end()), true};
        }
        auto it = lower_bound(t);
        if (it != end() && it->first == t) return {it, false};
        return {m_items.emplace(it, t, std::move(p)), true};
    }
    mapped_type &operator[](SimTime t) { return emplace(t, nullptr).first->second; }

    iterator erase(const_iterator first, const_iterator last) { return m_items.erase(first, last); }
    iterator erase(const_iterator it) { return m_items.erase(it); }

private:
    static bool keyLess(const value_type &v, SimTime t) { return v.first < t; }
    static bool lessKey(SimTime t, const value_type &v) { return t < v.first; }
    container m_items;
};

} // namespace dsl::session
