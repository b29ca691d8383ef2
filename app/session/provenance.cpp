// Provenance: traceBack and traceForward over the recorded RecordOrigins (docs/provenance.md).
#include "provenance.h"

#include "engine/value.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace dsl::session {

namespace {

bool traced(const BatchSnapshot &b, int streamId)
{
    auto it = b.rdds.find(streamId);
    return it != b.rdds.end() && it->second.origins != nullptr;
}

/// Streams whose RDD in some batch kept in full carries RecordOrigins, and the receiver streams
/// whose blocks name their lines (a block's records are those lines, in order).
std::set<int> tracedStreams(const RunSnapshot &run)
{
    std::set<int> out;
    for (const auto &[t, b] : run.batches) {
        if (b->summary || b->untraced) continue;
        for (const auto &[id, box] : b->rdds)
            if (box.origins) out.insert(id);
        for (const BlockInfo &blk : b->blocks)
            if (blk.firstInput >= 0) out.insert(blk.streamId);
    }
    return out;
}

/// The typed lines of receiver stream `streamId`'s blocks in batch `b` whose text is `key`.
std::vector<Occurrence> blockLines(const RunSnapshot &run, const BatchSnapshot &b, int streamId, const std::string &key)
{
    std::vector<Occurrence> out;
    if (!run.input) return out;
    for (const BlockInfo &blk : b.blocks) {
        if (blk.streamId != streamId || blk.firstInput < 0) continue;
        for (std::int64_t i = blk.firstInput; i <= blk.lastInput; ++i) {
            const auto at = static_cast<std::size_t>(i);
            if (at < run.input->first() || at >= run.input->size) continue;
            const InputLineSnapshot &l = run.input->at(at);
            if (!l.isFile() && !l.isKafka() && l.text == key) out.push_back(Occurrence{i, 1});
        }
    }
    return out;
}

/// How far back in time a result of `to` reaches into the batches of its ancestor `from`:
/// the windows on the way widen it, a stream carrying state makes it unbounded.
struct Span {
    std::int64_t extentMs = 0;
    bool unbounded = false;
};

/// A path from `from` (an ancestor) down to `to`, as stream ids from `from` to `to`; empty if none.
std::vector<int> pathBetween(const RunSnapshot &run, int from, int to)
{
    std::vector<int> path;
    std::set<int> seen;
    std::function<bool(int)> up = [&](int id) {
        if (!seen.insert(id).second) return false;
        path.push_back(id);
        if (id == from) return true;
        if (const StreamSnapshot *s = run.stream(id))
            for (int p : s->parents)
                if (up(p)) return true;
        path.pop_back();
        return false;
    };
    if (!up(to)) return {};
    std::reverse(path.begin(), path.end());
    return path;
}

Span spanOf(const RunSnapshot &run, const std::vector<int> &path)
{
    Span span;
    for (std::size_t i = 1; i < path.size(); ++i) {
        const StreamSnapshot *s = run.stream(path[i]);
        if (!s) continue;
        if (s->carriesState) span.unbounded = true;
        if (s->windowMs > 0) {
            const StreamSnapshot *parent = run.stream(path[i - 1]);
            span.extentMs += s->windowMs - (parent ? parent->slideMs : s->slideMs);
        }
    }
    return span;
}

/// True when a result of batch `resultTime` reaches the ancestor's batch `t`.
bool covers(const Span &span, std::int64_t slideMs, SimTime resultTime, SimTime t)
{
    if (t > resultTime) return false;
    if (span.unbounded) return true;
    return t.ms() > resultTime.ms() - span.extentMs - std::max<std::int64_t>(slideMs, 1);
}

std::string blockOf(const BatchSnapshot &b, std::int64_t input)
{
    for (const auto &blk : b.blocks)
        if (blk.firstInput >= 0 && blk.firstInput <= input && input <= blk.lastInput) return blk.blockId;
    return {};
}

/// The streams from an input stream down to `id`, following each stream's first parent.
std::vector<int> chainAbove(const RunSnapshot &run, int id)
{
    std::vector<int> chain{id};
    for (const StreamSnapshot *s = run.stream(id); s && !s->parents.empty(); s = run.stream(s->parents.front()))
        chain.insert(chain.begin(), s->parents.front());
    return chain;
}

/// Every stream id reachable from `id` by going to parents, `id` first (each once).
std::vector<int> upstream(const RunSnapshot &run, int id)
{
    std::vector<int> out{id};
    for (std::size_t i = 0; i < out.size(); ++i)
        if (const StreamSnapshot *s = run.stream(out[i]))
            for (int p : s->parents)
                if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    return out;
}

} // namespace

bool keepsKeys(const std::string &opName)
{
    static const std::set<std::string> ops{
        "reduceByKey", "updateStateByKey", "mapWithState", "reduceByKeyAndWindow", "countByValueAndWindow",
        "groupByKeyAndWindow", "window", "groupByKey", "combineByKey", "filter", "union", "mapValues",
        "flatMapValues", "repartition", "countByValue", "join", "leftOuterJoin", "rightOuterJoin",
        "fullOuterJoin", "cogroup", "transform", "cache", "persist", "checkpoint", "partitionBy",
        "stateSnapshots",
    };
    return ops.count(opName) > 0;
}

ProvenanceTrace traceBack(const RunSnapshot &run, int streamId, SimTime batch, const std::string &key)
{
    ProvenanceTrace tr;
    tr.streamId = streamId;
    tr.batch = batch;
    tr.key = key;
    const std::set<int> tracedIds = tracedStreams(run);
    // The nearest traced ancestors: going up from the result, stop at each traced stream.
    std::set<int> seen;
    std::function<void(int)> up = [&](int id) {
        if (!seen.insert(id).second) return;
        if (tracedIds.count(id)) {
            tr.tracedStreams.push_back(id);
            return;
        }
        if (const StreamSnapshot *s = run.stream(id))
            for (int p : s->parents) up(p);
    };
    up(streamId);
    std::sort(tr.tracedStreams.begin(), tr.tracedStreams.end());
    // The path shown: from an input stream through the first traced stream down to the result.
    if (tr.tracedStreams.empty()) {
        tr.path = chainAbove(run, streamId);
        tr.gap = ProvenanceTrace::Gap::NoTrace;
        return tr;
    }
    tr.path = chainAbove(run, tr.tracedStreams.front());
    const std::vector<int> below = pathBetween(run, tr.tracedStreams.front(), streamId);
    if (!below.empty()) tr.path.insert(tr.path.end(), below.begin() + 1, below.end());

    // Past the traced streams, the trace goes by key: every operator on the way must keep keys.
    std::vector<Span> spans;
    for (int a : tr.tracedStreams) {
        const std::vector<int> way = pathBetween(run, a, streamId);
        for (std::size_t i = 1; i < way.size(); ++i)
            if (const StreamSnapshot *s = run.stream(way[i]); s && !keepsKeys(s->opName)) {
                tr.gap = ProvenanceTrace::Gap::NoTrace;
                tr.brokenAt = way[i];
                return tr;
            }
        spans.push_back(spanOf(run, way));
    }
    std::set<SimTime> covered;
    std::map<std::int64_t, ProvenanceLine> lines; // by input index
    for (std::size_t n = 0; n < tr.tracedStreams.size(); ++n) {
        const int a = tr.tracedStreams[n];
        const Span &span = spans[n];
        tr.allEarlierBatches = tr.allEarlierBatches || span.unbounded;
        const StreamSnapshot *as = run.stream(a);
        const std::int64_t slide = as ? as->slideMs : run.batchInterval.ms();
        for (const auto &[t, b] : run.batches) {
            if (!covers(span, slide, batch, t)) continue;
            covered.insert(t);
            if (b->summary || b->untraced) continue;
            std::vector<Occurrence> found;
            if (const StreamSnapshot *st = run.stream(a); st && st->isInput) {
                found = blockLines(run, *b, a, key); // a receiver's records are its lines
            } else {
                auto box = b->rdds.find(a);
                if (box == b->rdds.end() || !box->second.origins) continue;
                const RecordOrigins::Key *k = box->second.origins->find(key);
                if (!k) continue;
                tr.moreLines += k->moreLines;
                found = k->lines;
            }
            for (const Occurrence &o : found) {
                ProvenanceLine &l = lines[o.input];
                if (l.input < 0) l = ProvenanceLine{o.input, 0, t, a, blockOf(*b, o.input)};
                l.occurrences += o.count;
            }
        }
    }
    tr.batches.assign(covered.begin(), covered.end());
    for (SimTime t : tr.batches)
        if (const BatchSnapshot *b = run.batch(t); b && (b->summary || b->untraced)) ++tr.batchesNotKept;
    // State reaches back to the first batch: those the history no longer holds are not known.
    if (tr.allEarlierBatches && run.firstBatchTime && !run.batches.empty()) {
        const std::int64_t interval = std::max<std::int64_t>(run.batchInterval.ms(), 1);
        const std::int64_t gone = (run.batches.begin()->first.ms() - run.firstBatchTime->ms()) / interval;
        if (gone > 0) tr.batchesNotKept += static_cast<int>(gone);
    }
    for (auto &[i, l] : lines) tr.lines.push_back(std::move(l));
    if (tr.lines.empty() && tr.moreLines == 0 && tr.batchesNotKept == 0) tr.gap = ProvenanceTrace::Gap::KeyNotFound;
    return tr;
}

DbRowTrace traceDbRow(const RunSnapshot &run, const std::string &table, std::int64_t rowid)
{
    DbRowTrace out;
    // Each batch kept in full holds the table as its completion left it, with the batch whose
    // task last wrote each row: every batch named so is a write (also one whose own snapshot
    // is a summary now). The first row seen names the key.
    std::string key;
    std::map<std::int64_t, std::int64_t> writeTasks; // writer batch -> its task
    for (const auto &[t, b] : run.batches) {
        if (b->summary || !b->database) continue;
        const DbTableSnapshot *tab = b->database->table(table);
        if (!tab) continue;
        for (const auto &row : tab->rows) {
            if (row->rowid != rowid) continue;
            if (key.empty() && !row->cells.empty()) key = row->cells.front();
            if (row->writer && row->writer->batchTimeMs) writeTasks[*row->writer->batchTimeMs] = row->writer->taskId;
            else out.writtenBeforeRun = true;
            break;
        }
    }
    // The output operation whose task wrote it (the batch's jobs), and the stream it reads; a
    // batch no longer kept in full names no task: the program's foreachRDD then, if it has one.
    auto streamOfOp = [&](int opId) {
        for (const StreamSnapshot &s : run.streams)
            if (s.isOutput && (opId < 0 ? s.opName == "foreachRDD" : s.outputOpId == opId) && !s.parents.empty())
                return s.parents.front();
        return -1;
    };
    std::vector<std::pair<SimTime, int>> writes; // (batch, stream written)
    for (const auto &[w, taskId] : writeTasks) {
        int stream = -1;
        if (const BatchSnapshot *b = run.batch(SimTime(w)); b && b->jobs)
            for (const JobInfo &j : *b->jobs)
                for (const TaskInfo &task : j.tasks)
                    if (task.taskId == taskId) stream = streamOfOp(j.outputOpId);
        if (stream < 0) stream = streamOfOp(-1);
        if (stream >= 0) writes.emplace_back(SimTime(w), stream);
    }
    if (writes.empty()) {
        out.trace.key = key;
        out.trace.gap = ProvenanceTrace::Gap::NoTrace;
        return out;
    }
    std::map<std::int64_t, ProvenanceLine> lines;
    for (const auto &[t, stream] : writes) {
        ProvenanceTrace one = traceBack(run, stream, t, key);
        out.writes.push_back(t);
        if (out.trace.path.empty()) {
            out.trace.path = one.path;
            out.trace.tracedStreams = one.tracedStreams;
        }
        out.trace.streamId = stream;
        out.trace.batch = t;
        out.trace.allEarlierBatches = out.trace.allEarlierBatches || one.allEarlierBatches;
        out.trace.moreLines += one.moreLines;
        out.trace.batchesNotKept = std::max(out.trace.batchesNotKept, one.batchesNotKept);
        if (one.gap == ProvenanceTrace::Gap::NoTrace) {
            out.trace.gap = one.gap;
            out.trace.brokenAt = one.brokenAt;
        }
        for (SimTime c : one.batches)
            if (std::find(out.trace.batches.begin(), out.trace.batches.end(), c) == out.trace.batches.end())
                out.trace.batches.push_back(c);
        for (const ProvenanceLine &l : one.lines) {
            ProvenanceLine &m = lines[l.input];
            if (m.input < 0) m = l; // a line counts once, however many writes reached it (state)
        }
    }
    std::sort(out.trace.batches.begin(), out.trace.batches.end());
    out.trace.key = key;
    for (auto &[i, l] : lines) out.trace.lines.push_back(std::move(l));
    if (out.trace.gap == ProvenanceTrace::Gap::None && out.trace.lines.empty() && out.trace.moreLines == 0 &&
        out.trace.batchesNotKept == 0)
        out.trace.gap = ProvenanceTrace::Gap::KeyNotFound;
    return out;
}

ForwardTrace traceForward(const RunSnapshot &run, std::int64_t input)
{
    ForwardTrace fw;
    fw.input = input;
    const BatchSnapshot *read = nullptr;
    for (const auto &[t, b] : run.batches) {
        if (b->summary || b->untraced) continue;
        if (std::string id = blockOf(*b, input); !id.empty()) {
            read = b.get();
            fw.blockId = std::move(id);
            break;
        }
    }
    if (!read) return fw;
    fw.read = true;
    fw.batch = read->info.batchTime;
    // What the traced streams of that batch made of the line: the receiver's stream holds the
    // line itself.
    std::map<int, std::vector<std::string>> keysOf;
    for (const BlockInfo &blk : read->blocks)
        if (blk.blockId == fw.blockId && run.input && static_cast<std::size_t>(input) < run.input->size &&
            static_cast<std::size_t>(input) >= run.input->first()) {
            const std::string &text = run.input->at(static_cast<std::size_t>(input)).text;
            fw.produced.push_back(ForwardTrace::Produced{blk.streamId, {{text, 1}}});
            keysOf[blk.streamId].push_back(text);
        }
    for (const auto &[id, box] : read->rdds) {
        if (!box.origins) continue;
        ForwardTrace::Produced p{id, {}};
        for (const auto &k : box.origins->keys)
            for (const Occurrence &o : k.lines)
                if (o.input == input) {
                    p.keys.emplace_back(k.key, o.count);
                    keysOf[id].push_back(k.key);
                }
        if (!p.keys.empty()) fw.produced.push_back(std::move(p));
    }
    if (fw.produced.empty()) return fw;
    // Results downstream: every stream (not itself traced in that batch) with a traced
    // ancestor that produced keys of the line, in each batch whose result reaches the line's.
    // How far each such stream reaches back depends on the streams only: found once.
    struct Reach {
        const std::vector<std::string> *keys;
        Span span;
        std::int64_t slideMs;
    };
    std::map<int, std::vector<Reach>> reachOf;
    for (const StreamSnapshot &st : run.streams) {
        if (st.isInput || st.isOutput || traced(*read, st.id)) continue; // the line itself, or no RDD
        for (int a : upstream(run, st.id))
            if (auto k = keysOf.find(a); k != keysOf.end()) {
                const StreamSnapshot *as = run.stream(a);
                reachOf[st.id].push_back(
                    Reach{&k->second, spanOf(run, pathBetween(run, a, st.id)), as ? as->slideMs : run.batchInterval.ms()});
            }
    }
    for (const auto &[t, b] : run.batches) {
        if (t < fw.batch || b->summary) continue;
        for (const auto &[id, box] : b->rdds) {
            auto reach = reachOf.find(id);
            if (reach == reachOf.end()) continue;
            std::set<std::string> keys;
            for (const Reach &r : reach->second)
                if (covers(r.span, r.slideMs, t, fw.batch)) keys.insert(r.keys->begin(), r.keys->end());
            for (const std::string &key : keys) {
                const std::string *shown = shownRecord(*b, id, key);
                // The word counts hold every key of their stream, not only the records shown.
                if (!shown && !countOf(*b, id, key)) continue;
                const std::string record = shown ? *shown : std::string();
                if (fw.uses.size() < ForwardTrace::kMaxUses)
                    fw.uses.push_back(ProvenanceUse{t, id, key, record});
                else
                    ++fw.moreUses;
            }
        }
    }
    return fw;
}

std::optional<HotKey> hottestKey(const RunSnapshot &run, const BatchSnapshot &b, int stageId, int partition)
{
    if (!b.jobs || partition < 0) return std::nullopt;
    const StageInfo *stage = nullptr;
    for (const JobInfo &j : *b.jobs)
        for (const StageInfo &s : j.stages)
            if (s.stageId == stageId) stage = &s;
    if (!stage) return std::nullopt;
    // The traced streams whose records go on into a stream not traced (a shuffle's input).
    const RecordOrigins *origins = nullptr;
    for (const auto &[id, box] : b.rdds) {
        if (!box.origins) continue;
        const bool feedsShuffle = std::any_of(run.streams.begin(), run.streams.end(), [&](const StreamSnapshot &c) {
            return !c.isOutput && std::find(c.parents.begin(), c.parents.end(), id) != c.parents.end() && !traced(b, c.id);
        });
        if (feedsShuffle && (!origins || box.origins->keys.size() > origins->keys.size())) origins = box.origins.get();
    }
    if (!origins) return std::nullopt;
    if (stage->parentIds.empty()) {
        // Reading the receiver's blocks: partition p of the traced stream is block p, and its
        // keys were counted in full as they were traced.
        for (const auto &t : origins->partitionTops)
            if (t.split == partition) return HotKey{t.key, t.records, t.total};
        return std::nullopt;
    }
    // Reading a shuffle: the partition PySpark's portable_hash gives each key.
    if (!origins->stringKeys || stage->numTasks <= 0) return std::nullopt;
    std::map<std::string, std::int64_t> counts;
    for (const auto &k : origins->keys) {
        const std::int64_t h = portableHash(Value(k.key)) % stage->numTasks;
        if ((h < 0 ? h + stage->numTasks : h) == partition) counts[k.key] += k.total;
    }
    std::optional<HotKey> best;
    std::int64_t total = 0;
    for (const auto &[k, n] : counts) {
        total += n;
        if (!best || n > best->records) best = HotKey{k, n, 0};
    }
    if (best) best->partitionRecords = total;
    return best;
}

const std::string *shownRecord(const BatchSnapshot &b, int streamId, const std::string &key)
{
    auto box = b.rdds.find(streamId);
    if (box == b.rdds.end()) return nullptr;
    const RddBoxSnapshot &r = box->second;
    for (std::size_t i = 0; i < r.recordKeys.size() && i < r.records.size(); ++i)
        if (r.recordKeys[i] == key) return &r.records[i];
    return nullptr;
}

std::optional<double> countOf(const BatchSnapshot &b, int streamId, const std::string &key)
{
    const std::vector<KeyCount> *counts =
        streamId == b.resultStreamId ? &b.keyCounts : streamId == b.totalStreamId ? &b.totalKeyCounts : nullptr;
    if (counts)
        for (const KeyCount &kc : *counts)
            if (kc.key == key) return kc.count;
    return std::nullopt;
}

int defaultTraceStream(const BatchSnapshot &b)
{
    // Running totals or the window are the program's point when it has them (the word counts
    // show them first too).
    if (b.totalStreamId >= 0 && !b.totalKeyCounts.empty()) return b.totalStreamId;
    return b.resultStreamId >= 0 ? b.resultStreamId : b.totalStreamId;
}

} // namespace dsl::session
