// Word count streams: which of a program's (key, count) streams the word counts read — this
// batch's and the running totals or latest window — and (w, 1) pairs summed into counts.
#pragma once

#include <map>
#include <vector>

namespace dsl::session {

struct KeyCount;
struct StreamSnapshot;

/// `batch`: this batch's (key, count) records; `total`: a state stream's running totals, else
/// a window's counts (-1: none).
struct CountStreams {
    int batch = -1;
    int total = -1;
    bool operator==(const CountStreams &) const = default;
};

/// pairsOf holds the streams whose records in the batch are all (string key, number). This
/// batch's: neither state- nor window-derived, ranked by feeding an output operation, then
/// depth (the most reduced), then defined last. Totals: the first state stream
/// (updateStateByKey's; a reduced window keeps state but is a window), else the best
/// state-derived stream, else the best window-derived one.
CountStreams pickCountStreams(const std::vector<StreamSnapshot> &streams,
                              const std::map<int, std::vector<KeyCount>> &pairsOf);

/// (key, number) records summed by key, largest first, then by key: (w, 1) pairs become counts.
std::vector<KeyCount> sumByKey(const std::vector<KeyCount> &in);

} // namespace dsl::session
