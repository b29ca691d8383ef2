// Word count streams: which (key, count) streams the word counts read, and summing by key.
#include "wordcountstreams.h"

#include "runsnapshot.h"

#include <algorithm>

namespace dsl::session {

CountStreams pickCountStreams(const std::vector<StreamSnapshot> &streams,
                              const std::map<int, std::vector<KeyCount>> &pairsOf)
{
    struct Info {
        bool state = false, window = false, feedsOutput = false;
        int depth = 0;
    };
    std::map<int, Info> info; // streams come parents first
    for (const auto &s : streams) {
        Info i;
        i.state = s.carriesState && s.windowMs == 0; // a reduced window keeps state too, but is a window
        i.window = s.windowMs > 0;
        for (int p : s.parents) {
            const Info &pi = info[p];
            i.state = i.state || pi.state;
            i.window = i.window || pi.window;
            i.depth = std::max(i.depth, pi.depth + 1);
            if (s.isOutput) info[p].feedsOutput = true;
        }
        info[s.id] = i;
    }
    // Rank: feeds an output operation, then deepest (most reduced), then defined last.
    auto better = [&](int a, int b) {
        if (b < 0) return true;
        const Info &x = info[a], &y = info[b];
        if (x.feedsOutput != y.feedsOutput) return x.feedsOutput;
        if (x.depth != y.depth) return x.depth > y.depth;
        return a > b;
    };
    CountStreams c;
    int window = -1, stateDerived = -1;
    for (const auto &[id, kc] : pairsOf) {
        const Info &i = info[id];
        if (!i.state && !i.window) {
            if (better(id, c.batch)) c.batch = id;
        } else if (i.state) {
            // The state stream itself holds the totals; the first one defined.
            const bool isStateStream = std::any_of(streams.begin(), streams.end(),
                                                   [&](const StreamSnapshot &s) { return s.id == id && s.carriesState && s.windowMs == 0; });
            if (isStateStream && (c.total < 0 || id < c.total)) c.total = id;
            if (!isStateStream && better(id, stateDerived)) stateDerived = id;
        } else if (better(id, window)) {
            window = id;
        }
    }
    if (c.total < 0) c.total = stateDerived >= 0 ? stateDerived : window;
    return c;
}

std::vector<KeyCount> sumByKey(const std::vector<KeyCount> &in)
{
    std::map<std::string, double> sums;
    for (const auto &kc : in) sums[kc.key] += kc.count;
    std::vector<KeyCount> out;
    out.reserve(sums.size());
    for (const auto &[k, n] : sums) out.push_back(KeyCount{k, n});
    std::stable_sort(out.begin(), out.end(), [](const KeyCount &a, const KeyCount &b) { return a.count > b.count; });
    return out;
}
} // namespace dsl::session
