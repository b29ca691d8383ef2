// TimelineSources: a batch's lines counted by sender, and how many source chips fit a batch.
#include "timelinesources.h"

#include "sessiontypes.h"

#include <algorithm>
#include <cstdlib>

namespace dsl::ui {

std::vector<SourceCount> blockSources(const session::InputLogSnapshot &input, const std::vector<BlockInfo> &blocks,
                                      const std::map<int, int> &receiverPorts)
{
    // By source; the shared name of one sender is one string, so equal text is one sender.
    std::map<std::string, SourceCount> by;
    bool named = false;
    for (const BlockInfo &blk : blocks) {
        if (blk.firstInput < 0 || blk.lastInput < blk.firstInput) continue;
        const auto port = receiverPorts.find(blk.streamId);
        const auto from = std::max<std::size_t>(static_cast<std::size_t>(blk.firstInput), input.first());
        const auto to = std::min<std::size_t>(static_cast<std::size_t>(blk.lastInput) + 1, input.size);
        for (std::size_t i = from; i < to; ++i) {
            const InputLineSnapshot &l = input.at(i);
            if (l.isFile() || l.isKafka() || l.isServer()) continue;
            // JobScheduler::pullInput: a receiver takes the lines for its port and for port 0.
            if (port != receiverPorts.end() && l.port != 0 && l.port != port->second) continue;
            const std::string &name = l.source ? *l.source : std::string();
            named = named || !name.empty();
            auto [it, fresh] = by.try_emplace(name, SourceCount{name, 0, static_cast<std::int64_t>(i)});
            ++it->second.lines;
        }
    }
    std::vector<SourceCount> out;
    if (!named) return out;
    out.reserve(by.size());
    for (auto &[name, c] : by) out.push_back(std::move(c));
    std::sort(out.begin(), out.end(), [](const SourceCount &a, const SourceCount &b) {
        return a.lines != b.lines ? a.lines > b.lines : a.firstLine < b.firstLine;
    });
    return out;
}

std::map<int, int> receiverPortsOf(const RunSnapshot &s)
{
    std::map<int, int> out;
    for (const ReceiverInfo &r : s.receivers) {
        if (r.name != "SocketReceiver") continue;
        const auto colon = r.location.rfind(':');
        if (colon == std::string::npos) continue;
        const int port = std::atoi(r.location.c_str() + colon + 1);
        if (port > 0) out[r.streamId] = port;
    }
    return out;
}

bool anySourced(const session::InputLogSnapshot &input, std::size_t from, std::size_t to)
{
    for (std::size_t i = std::max(from, input.first()); i < std::min(to, input.size); ++i)
        if (input.at(i).source) return true;
    return false;
}

int chipsThatFit(int count, double width, double gap, const std::function<double(int)> &chipWidth,
                 const std::function<double(int)> &moreWidth)
{
    double used = 0;
    for (int i = 0; i < count; ++i) {
        used += (i > 0 ? gap : 0) + chipWidth(i);
        // The rest needs its "+N" after this chip, unless this is the last.
        const double need = i + 1 < count ? used + gap + moreWidth(count - i - 1) : used;
        if (need > width) return i;
    }
    return count;
}

const std::vector<SourceCount> &TimelineSourceCache::sourcesOf(const RunSnapshot &s, qint64 batchTimeMs,
                                                               const std::shared_ptr<const session::BatchSnapshot> &batch)
{
    if (s.runId != runId) {
        batches.clear();
        runId = s.runId;
    }
    Entry &e = batches[batchTimeMs];
    if (e.batch != batch) {
        e.batch = batch;
        e.sources = s.input ? blockSources(*s.input, batch->blocks, receiverPortsOf(s)) : std::vector<SourceCount>{};
    }
    return e.sources;
}

void TimelineSourceCache::keepOnly(qint64 fromMs, qint64 toMs)
{
    std::erase_if(batches, [&](const auto &b) { return b.first < fromMs || b.first > toMs; });
}

} // namespace dsl::ui
