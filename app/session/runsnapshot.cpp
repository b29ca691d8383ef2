// RunSnapshot helpers: lookups over the value picture of a run.
#include "runsnapshot.h"

#include <algorithm>

namespace dsl::session {

int lineOfSite(const std::string &site)
{
    const auto colon = site.rfind(':');
    if (colon == std::string::npos || colon + 1 >= site.size()) return 0;
    int line = 0;
    for (std::size_t i = colon + 1; i < site.size(); ++i) {
        if (site[i] < '0' || site[i] > '9') return 0;
        line = line * 10 + (site[i] - '0');
    }
    return line;
}

int StreamSnapshot::line() const
{
    return lineOfSite(creationSite);
}

std::size_t RunSnapshot::acceptedLines() const
{
    std::size_t n = 0;
    for (const auto &r : receivers) n = std::max(n, r.inputLogAccepted);
    return n;
}

const BatchSnapshot *RunSnapshot::batch(SimTime t) const
{
    auto it = batches.find(t);
    return it == batches.end() ? nullptr : it->second.get();
}

const BatchSnapshot *RunSnapshot::latestCompletedBatch() const
{
    for (auto it = batches.rbegin(); it != batches.rend(); ++it)
        if (it->second->info.isCompleted()) return it->second.get();
    return nullptr;
}

const StreamSnapshot *RunSnapshot::stream(int id) const
{
    for (const auto &s : streams)
        if (s.id == id) return &s;
    return nullptr;
}

} // namespace dsl::session
