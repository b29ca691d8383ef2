// SnapshotBuilder, the history's batches: what the jobs computed (RddCapture) as RDD boxes, the
// word counts, and retention (full detail for the newest batches, summaries for older ones).
#include "snapshotbuilder.h"

#include "engine/jobscheduler.h"
#include "engine/rdds.h"
#include "engine/streamingcontext.h"
#include "engine/windowdstreams.h"
#include "wordcountstreams.h"

#include <algorithm>

namespace dsl::session {

namespace {
constexpr std::size_t kSummaryKeyCounts = 20;

/// An old batch: timing, blocks, per-RDD counts and its top words; no records, lineage text or
/// graph, or window spans.
std::shared_ptr<const BatchSnapshot> summarized(const BatchSnapshot &b)
{
    auto s = std::make_shared<BatchSnapshot>(b);
    for (auto &[id, box] : s->rdds) {
        box.recordsTruncated = box.recordsTruncated || !box.records.empty();
        std::vector<std::string>().swap(box.records);
        std::string().swap(box.debugString);
        std::string().swap(box.scope);
        box.lineage.reset();
        box.origins.reset();
        std::vector<std::string>().swap(box.recordKeys);
    }
    for (auto *kc : {&s->keyCounts, &s->totalKeyCounts})
        if (kc->size() > kSummaryKeyCounts) {
            kc->resize(kSummaryKeyCounts);
            kc->shrink_to_fit();
        }
    std::vector<BlockInfo>().swap(s->blocks);
    s->windows.clear();
    s->database.reset(); // the database view shows batches kept in full
    s->jobs.reset();
    s->summary = true;
    return s;
}

/// Appends text, dropping whole old lines beyond cap; returns how many bytes were dropped.
} // namespace

RddBoxSnapshot SnapshotBuilder::boxOf(const RddCapture &c)
{
    RddBoxSnapshot box;
    box.rddId = c.rddId;
    box.className = c.className;
    box.scope = c.scope;
    box.numPartitions = c.numPartitions;
    box.debugString = c.debugString;
    box.lineage = c.lineage;
    box.origins = c.origins;
    box.computedPartitions = c.computedPartitions();
    box.count = c.count();
    box.partitionCounts.reserve(c.partitions.size());
    for (const auto &p : c.partitions) {
        box.partitionCounts.push_back(p.computed ? p.count : -1);
        box.records.insert(box.records.end(), p.records.begin(), p.records.end());
        box.recordKeys.insert(box.recordKeys.end(), p.keys.begin(), p.keys.end());
        if (p.computed && static_cast<std::int64_t>(p.records.size()) < p.count) box.recordsTruncated = true;
    }
    if (!c.failure.empty()) {
        box.status = RddBoxSnapshot::Status::Failed;
        box.error = c.failure;
    } else if (c.fullyComputed()) {
        box.status = RddBoxSnapshot::Status::Computed;
    } else {
        box.status = box.computedPartitions > 0 ? RddBoxSnapshot::Status::Partial : RddBoxSnapshot::Status::Pending;
    }
    return box;
}

void SnapshotBuilder::onRddsCaptured(const std::vector<RddCapture> &captures)
{
    for (const auto &c : captures) {
        Captured &slot = m_captured[c.batchTime][c.streamId];
        slot.box = boxOf(c);
        slot.numericPairs = c.numericPairs && c.stringKeys;
        slot.keyValues.clear();
        if (slot.numericPairs) {
            slot.keyValues.reserve(c.keyValues.size());
            for (const auto &kv : c.keyValues) slot.keyValues.push_back(KeyCount{kv.key, kv.value});
        }
        m_stale.insert(c.batchTime);
    }
    m_dirty = true;
}

void SnapshotBuilder::setPinned(std::optional<SimTime> batchTime)
{
    if (batchTime == m_pinned) return;
    // The batch that was shown becomes a summary like its neighbours.
    if (m_pinned && m_summarizedUpTo && *m_pinned <= *m_summarizedUpTo)
        if (auto it = m_batches.find(*m_pinned); it != m_batches.end()) {
            it->second = summarized(*it->second);
            m_dirty = true;
        }
    m_pinned = batchTime;
}

std::shared_ptr<const BatchSnapshot> SnapshotBuilder::buildBatch(StreamingContext &ssc, const BatchInfo &info)
{
    auto b = std::make_shared<BatchSnapshot>();
    b->info = info;
    const JobScheduler &js = ssc.scheduler();
    for (const auto &in : ssc.graph().inputStreams()) {
        for (const auto &blk : js.blocksOfBatch(info.batchTime, in->id())) {
            b->blocks.push_back(BlockInfo{blk->id, blk->streamId, blk->time,
                                          blk->lost ? blk->numRecords : static_cast<std::int64_t>(blk->records.size()),
                                          info.batchTime});
            b->blocks.back().replayed = blk->replayed;
            b->blocks.back().lost = blk->lost;
            if (!blk->origins.empty()) {
                b->blocks.back().firstInput = blk->origins.front();
                b->blocks.back().lastInput = blk->origins.back();
            }
        }
    }
    const auto captured = m_captured.find(info.batchTime);
    for (const auto &s : ssc.graph().allStreams()) {
        if (s->isOutputStream()) continue;
        if (auto w = std::dynamic_pointer_cast<WindowDStreamBase>(s)) {
            auto c = w->windowComputations().find(info.batchTime);
            if (c != w->windowComputations().end()) {
                WindowSpanSnapshot span;
                span.beginMs = c->second.windowBegin.ms();
                for (SimTime t : c->second.covered) span.covered.push_back(t.ms());
                for (SimTime t : c->second.added) span.added.push_back(t.ms());
                for (SimTime t : c->second.subtracted) span.subtracted.push_back(t.ms());
                span.incremental = c->second.incremental;
                b->windows.emplace(s->id(), std::move(span));
            }
        }
        if (captured != m_captured.end())
            if (auto c = captured->second.find(s->id()); c != captured->second.end()) {
                b->rdds.emplace(s->id(), c->second.box);
                continue;
            }
        // Generated but not captured yet (the batch's jobs have not run): its metadata only.
        const auto &gen = s->generatedRDDs();
        auto it = gen.find(info.batchTime);
        if (it == gen.end() || !it->second) continue;
        RddBoxSnapshot box;
        box.rddId = it->second->id();
        box.className = it->second->className();
        box.scope = it->second->scope();
        box.numPartitions = it->second->numPartitions();
        box.partitionCounts.assign(static_cast<std::size_t>(box.numPartitions), -1);
        if (const auto *blocks = dynamic_cast<const BlockRDD *>(it->second.get()); blocks && blocks->isValid()) {
            // A receiver's batch: its records are already stored as blocks (one partition each),
            // received, not computed, so they are shown before any job runs (local[1]).
            box.count = 0;
            box.partitionCounts.clear();
            for (const auto &blk : blocks->blocks()) {
                box.partitionCounts.push_back(static_cast<std::int64_t>(blk->records.size()));
                box.count += static_cast<std::int64_t>(blk->records.size());
                for (const auto &v : blk->records) {
                    if (box.records.size() >= m_limits.recordsPerPartition) break;
                    box.records.push_back(v.repr());
                }
            }
            if (box.partitionCounts.size() == static_cast<std::size_t>(box.numPartitions)) {
                box.computedPartitions = box.numPartitions;
                box.status = RddBoxSnapshot::Status::Computed;
                box.recordsTruncated = static_cast<std::int64_t>(box.records.size()) < box.count;
            } else {
                box.partitionCounts.assign(static_cast<std::size_t>(box.numPartitions), -1);
                box.count = 0;
                box.records.clear();
            }
        }
        b->rdds.emplace(s->id(), std::move(box));
    }
    if (auto m = m_completionMarks.find(info.batchTime); m != m_completionMarks.end()) {
        b->consoleEnd = m->second.first;
        b->inputAccepted = m->second.second;
    }
    if (auto d = m_databases.find(info.batchTime); d != m_databases.end()) b->database = d->second;
    if (auto k = m_kafka.find(info.batchTime); k != m_kafka.end()) {
        b->kafka = k->second.partitions;
        b->kafkaMessages = k->second.messages;
    }
    if (auto j = m_jobs.find(info.batchTime); j != m_jobs.end()) b->jobs = j->second;
    b->evaluated = info.isCompleted();
    applyCounts(*b);
    return b;
}

void SnapshotBuilder::applyCounts(BatchSnapshot &b)
{
    // The word counts read streams whose computed records are (key, number) pairs, as the
    // engine saw the values (never guessed from their text).
    // Streams every partition of which a job computed come first: a pprint'ed stream may hold
    // only the partitions take() needed; it is read only when nothing else has the counts.
    std::map<int, std::vector<KeyCount>> pairsOf, completeOf;
    if (auto captured = m_captured.find(b.info.batchTime); captured != m_captured.end())
        for (const auto &[id, c] : captured->second)
            if (c.numericPairs) {
                pairsOf.emplace(id, c.keyValues);
                if (c.box.status == RddBoxSnapshot::Status::Computed) completeOf.emplace(id, c.keyValues);
            }
    CountStreams picked = pickCountStreams(m_streams, completeOf);
    const CountStreams anyPicked = pickCountStreams(m_streams, pairsOf);
    if (picked.batch < 0) picked.batch = anyPicked.batch;
    if (picked.total < 0) picked.total = anyPicked.total;
    // A stream chosen before stays while it is complete (or nothing complete qualifies).
    const auto stays = [&](int id, int pick) {
        return completeOf.count(id) || ((pick < 0 || !completeOf.count(pick)) && pairsOf.count(id));
    };
    // Keep the streams chosen before while they still qualify, and name them on an empty batch:
    // the counts do not jump between streams from batch to batch.
    if (m_countStreams.batch >= 0 && (stays(m_countStreams.batch, picked.batch) || picked.batch < 0))
        picked.batch = m_countStreams.batch;
    if (m_countStreams.total >= 0 && (stays(m_countStreams.total, picked.total) || picked.total < 0) &&
        b.rdds.count(m_countStreams.total))
        picked.total = m_countStreams.total;
    if (picked.batch >= 0) m_countStreams.batch = picked.batch;
    if (picked.total >= 0) m_countStreams.total = picked.total;
    if (picked.batch >= 0) {
        b.resultStreamId = picked.batch;
        if (pairsOf.count(picked.batch)) b.keyCounts = sumByKey(pairsOf[picked.batch]);
    }
    if (picked.total >= 0) {
        b.totalStreamId = picked.total;
        if (pairsOf.count(picked.total)) b.totalKeyCounts = sumByKey(pairsOf[picked.total]);
    }
}

void SnapshotBuilder::retain()
{
    // The captures a rebuild may still need: batches a window can still reach. Older ones live
    // on only in their BatchSnapshot.
    std::int64_t longestWindow = 0;
    for (const auto &st : m_streams) longestWindow = std::max(longestWindow, st.windowMs);
    if (m_frozenUpTo) {
        const SimTime keepFrom = *m_frozenUpTo - Duration(longestWindow) - m_batchInterval;
        m_captured.erase(m_captured.begin(), m_captured.lower_bound(keepFrom));
        m_completionMarks.erase(m_completionMarks.begin(), m_completionMarks.lower_bound(keepFrom));
        m_databases.erase(m_databases.begin(), m_databases.lower_bound(keepFrom));
        m_kafka.erase(m_kafka.begin(), m_kafka.lower_bound(keepFrom));
        m_jobs.erase(m_jobs.begin(), m_jobs.lower_bound(keepFrom));
    }
    if (m_batches.size() > m_retention.kept)
        m_batches.erase(m_batches.begin(), std::prev(m_batches.end(), static_cast<std::ptrdiff_t>(m_retention.kept)));
    if (m_batches.size() > m_retention.retained) {
        // Batches that left the detailed window, newest first, down to the last summarized one.
        auto it = std::prev(m_batches.end(), static_cast<std::ptrdiff_t>(m_retention.retained));
        std::optional<SimTime> newest;
        while (it != m_batches.begin()) {
            --it;
            if (m_summarizedUpTo && it->first <= *m_summarizedUpTo) break;
            if (!newest) newest = it->first;
            if (m_pinned && it->first == *m_pinned) continue; // the batch the views show
            it->second = summarized(*it->second);
        }
        if (newest) m_summarizedUpTo = newest;
    }
    if (m_batches.size() > m_retention.traced) {
        // Full batches that left the traced window drop their boxes' origins (provenance).
        auto it = std::prev(m_batches.end(), static_cast<std::ptrdiff_t>(m_retention.traced));
        std::optional<SimTime> newest;
        while (it != m_batches.begin()) {
            --it;
            if (m_untracedUpTo && it->first <= *m_untracedUpTo) break;
            if (!newest) newest = it->first;
            if (m_pinned && it->first == *m_pinned) continue; // the batch the views show
            if (it->second->summary) continue;
            const auto &rdds = it->second->rdds;
            if (std::none_of(rdds.begin(), rdds.end(), [](const auto &r) { return r.second.origins != nullptr; })) continue;
            auto copy = std::make_shared<BatchSnapshot>(*it->second);
            for (auto &[id, box] : copy->rdds) box.origins.reset();
            copy->untraced = true;
            it->second = std::move(copy);
        }
        if (newest) m_untracedUpTo = newest;
    }
}

} // namespace dsl::session
