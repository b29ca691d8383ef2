// History view: RunSnapshot values at a batch of the history.
#include "historyview.h"

#include <algorithm>

namespace dsl::session {

namespace {

SimTime completionTime(const BatchSnapshot &b)
{
    return b.info.processingEndTime.value_or(b.info.batchTime);
}

/// The head rests at the completion of its newest completed batch (nothing happened since).
bool restsAt(const RunSnapshot &head, const BatchSnapshot &b)
{
    return head.clock <= completionTime(b);
}

} // namespace

RunSnapshotPtr historyAt(const RunSnapshotPtr &head, SimTime cursor, std::uint16_t view)
{
    const BatchSnapshot *at = head ? head->batch(cursor) : nullptr;
    if (!at) return head;
    auto s = std::make_shared<RunSnapshot>(*head);
    s->cursor = cursor;
    s->serial = head->serial + view;
    s->headCompletedBatches = head->completedBatches;
    int later = 0;
    for (auto it = s->batches.upper_bound(cursor); it != s->batches.end(); ++it)
        if (it->second->info.isCompleted()) ++later;
    s->batches.erase(s->batches.upper_bound(cursor), s->batches.end());
    s->completedBatches = head->completedBatches - later;
    s->now = s->clock = completionTime(*at);
    if (s->phase == RunPhase::Running) s->phase = RunPhase::Paused;
    s->computingStreamId = -1;
    s->pendingBlocks.clear();
    s->errorText.clear();
    s->errorLine = 0;
    if (head->phase == RunPhase::Finished || head->phase == RunPhase::Failed) s->phase = RunPhase::Paused;
    if (s->streamingState == StreamingState::STOPPED) s->streamingState = StreamingState::ACTIVE;
    // What had been printed by then (the console holds the newest part of everything printed).
    const std::size_t end = at->consoleEnd;
    const std::string &console = *head->console;
    const std::size_t keep = end > head->consoleDropped ? std::min(console.size(), end - head->consoleDropped) : 0;
    if (keep != console.size()) s->console = std::make_shared<const std::string>(console.substr(0, keep));
    // The input lines that had arrived by then.
    if (head->input) {
        const InputLogSnapshot &in = *head->input;
        std::size_t lo = std::min(in.first(), in.size), hi = in.size;
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (in.at(mid).time <= s->clock) lo = mid + 1;
            else hi = mid;
        }
        if (lo != in.size) {
            auto input = std::make_shared<InputLogSnapshot>(in);
            input->size = lo; // the chunks are shared; lines past size are not read
            s->input = std::move(input);
        }
    }
    for (auto &r : s->receivers) r.inputLogAccepted = std::min(r.inputLogAccepted, at->inputAccepted);
    return s;
}

std::optional<SimTime> previousCompletedBatch(const RunSnapshot &head, std::optional<SimTime> from)
{
    auto it = from ? head.batches.lower_bound(*from) : head.batches.end();
    // From a live head resting at its newest batch's completion, that batch is what is shown
    // already; an ended run (finished or failed) shows its last batch first.
    bool skipResting = !from && head.phase != RunPhase::Finished && head.phase != RunPhase::Failed;
    while (it != head.batches.begin()) {
        --it;
        if (!it->second->info.isCompleted()) continue;
        if (skipResting) {
            skipResting = false;
            if (restsAt(head, *it->second)) continue;
        }
        return it->first;
    }
    return std::nullopt;
}

std::optional<SimTime> nextCompletedBatch(const RunSnapshot &head, SimTime from)
{
    const BatchSnapshot *newest = head.latestCompletedBatch();
    for (auto it = head.batches.upper_bound(from); it != head.batches.end(); ++it) {
        if (!it->second->info.isCompleted()) continue;
        if (it->second.get() == newest && restsAt(head, *newest)) return std::nullopt;
        return it->first;
    }
    return std::nullopt;
}

} // namespace dsl::session
