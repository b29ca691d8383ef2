// CaptureRecorder: per-partition counts, first records and (key, number) sums of DStream RDDs.
#include "capturerecorder.h"

#include "keyindex.h"
#include "lineagegraph.h"

#include <algorithm>
#include <tuple>

namespace dsl {

namespace {
// A record's display text. repr may call back into a host object (a Python __repr__); a capture
// must never fail the task that computed the records, so errors become a placeholder.
std::string safeRepr(const Value &v)
{
    try {
        return v.repr();
    } catch (...) {
        return "<repr failed>";
    }
}

std::string keyText(const Value &key)
{
    if (key.isStr()) return std::string(key.asStr());
    return safeRepr(key);
}

// The value RecordOrigins files a record under: a pair's key, any other record itself.
const Value &recordKeyValue(const Value &r)
{
    return r.isPair() ? r.key() : r;
}

std::string recordKey(const Value &r)
{
    return keyText(recordKeyValue(r));
}
} // namespace

CaptureRecorder::CaptureRecorder(CaptureLimits limits) : m_limits(limits) {}

CaptureRecorder::~CaptureRecorder() = default;

void CaptureRecorder::registerRdd(const RDDPtr &rdd, int streamId, SimTime batchTime)
{
    if (!rdd) return;
    auto [it, inserted] = m_entries.try_emplace(rdd->id());
    Entry &e = it->second;
    if (inserted) {
        e.rdd = rdd;
        RddCapture &c = e.capture;
        c.rddId = rdd->id();
        c.className = rdd->className();
        c.scope = rdd->scope();
        c.numPartitions = rdd->numPartitions();
        c.partitions.resize(static_cast<std::size_t>(std::max(0, c.numPartitions)));
    }
    const std::pair<int, SimTime> owner{streamId, batchTime};
    if (std::find(e.owners.begin(), e.owners.end(), owner) == e.owners.end()) e.owners.push_back(owner);
    e.changed = true;
}

void CaptureRecorder::forgetRdd(int rddId, int streamId, SimTime batchTime)
{
    auto it = m_entries.find(rddId);
    if (it == m_entries.end()) return;
    auto &owners = it->second.owners;
    owners.erase(std::remove(owners.begin(), owners.end(), std::pair<int, SimTime>{streamId, batchTime}), owners.end());
    if (owners.empty()) m_entries.erase(it);
}

bool CaptureRecorder::wantsPartition(int rddId, int split) const
{
    auto it = m_entries.find(rddId);
    if (it == m_entries.end() || split < 0) return false;
    const auto &parts = it->second.capture.partitions;
    return static_cast<std::size_t>(split) < parts.size() && !parts[static_cast<std::size_t>(split)].computed;
}

bool CaptureRecorder::wantsOrigins(int rddId, int split) const
{
    auto it = m_entries.find(rddId);
    if (it == m_entries.end() || split < 0) return false;
    const Entry &e = it->second;
    const auto s = static_cast<std::size_t>(split);
    if (s >= e.capture.partitions.size()) return false;
    return e.tracedPartitions.empty() || !e.tracedPartitions[s];
}

void CaptureRecorder::recordPartition(int rddId, int split, const Records &records)
{
    auto it = m_entries.find(rddId);
    if (it == m_entries.end() || split < 0) return;
    Entry &e = it->second;
    auto &parts = e.capture.partitions;
    if (static_cast<std::size_t>(split) >= parts.size()) return;
    PartitionCapture &p = parts[static_cast<std::size_t>(split)];
    if (p.computed) return; // the first computation wins
    p.computed = true;
    p.count = static_cast<std::int64_t>(records.size());
    const std::size_t kept = std::min(records.size(), m_limits.recordsPerPartition);
    p.records.reserve(kept);
    p.keys.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i) {
        p.records.push_back(safeRepr(records[i]));
        p.keys.push_back(recordKey(records[i]));
    }
    if (e.pairsOnly) addPairs(e, records);
    // Nothing more can arrive once every partition is in: the key set has done its job.
    if (e.capture.fullyComputed()) e.keys.reset();
    e.changed = true;
}

void CaptureRecorder::addPairs(Entry &e, const Records &records)
{
    // Sum the partition on its own first (a small table, as a map-side combine does), then fold
    // its distinct keys, in their first-seen order, into the RDD's: the RDD-wide table sees one
    // lookup per distinct key of the partition instead of one per record.
    KeyIndex local(records.size());
    std::vector<double> sums;
    double total = 0;
    for (const Value &r : records) {
        if (!r.isPair() || !r.value().isNumber()) {
            dropPairs(e);
            return;
        }
        const double v = r.value().asFloat();
        total += v;
        const auto [k, inserted] = local.insert(r.key());
        if (inserted) sums.push_back(v);
        else sums[k] += v;
    }
    RddCapture &c = e.capture;
    c.valueTotal += total;
    if (!e.keys) e.keys = std::make_unique<KeyIndex>(std::min(local.size(), m_limits.keys));
    const std::vector<Value> &keys = local.keys();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!keys[i].isStr()) c.stringKeys = false;
        // Keys are numbered in first-seen order, so the kept ones are exactly the first
        // keyValues.size() numbers (also when the limit changed on the way).
        const auto [k, inserted] = e.keys->insert(keys[i]);
        if (inserted) {
            if (k == c.keyValues.size() && c.keyValues.size() < m_limits.keys)
                c.keyValues.push_back(KeyValue{keyText(keys[i]), sums[i]});
            else
                ++c.moreKeys;
        } else if (k < c.keyValues.size()) {
            c.keyValues[k].value += sums[i];
        }
    }
}

void CaptureRecorder::dropPairs(Entry &e)
{
    e.pairsOnly = false;
    e.keys.reset();
    e.capture.keyValues = {};
    e.capture.moreKeys = 0;
    e.capture.valueTotal = 0;
}

void CaptureRecorder::recordOrigins(int rddId, int split, const Records &records, const std::vector<std::int64_t> &inputs)
{
    auto it = m_entries.find(rddId);
    if (it == m_entries.end() || split < 0 || inputs.size() != records.size()) return;
    Entry &e = it->second;
    if (static_cast<std::size_t>(split) >= e.capture.partitions.size()) return;
    if (e.tracedPartitions.empty()) e.tracedPartitions.resize(e.capture.partitions.size());
    if (e.tracedPartitions[static_cast<std::size_t>(split)]) return; // the first computation wins
    e.tracedPartitions[static_cast<std::size_t>(split)] = true;
    if (!e.origins) e.origins = std::make_unique<RecordOrigins>();
    RecordOrigins &o = *e.origins;
    std::unordered_map<std::string, std::int64_t> local; // this partition's keys, counted in full
    RecordOrigins::PartitionTop top{split, {}, 0, 0};
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (inputs[i] < 0) continue;
        const Value &keyValue = recordKeyValue(records[i]);
        if (!keyValue.isStr()) o.stringKeys = false;
        std::string key = keyText(keyValue);
        ++top.total;
        if (const std::int64_t n = ++local[key]; n > top.records) {
            top.records = n;
            top.key = key;
        }
        auto found = e.originIndex.find(key);
        if (found == e.originIndex.end()) {
            if (o.keys.size() >= m_limits.originKeys) {
                ++o.moreKeys;
                continue;
            }
            found = e.originIndex.emplace(key, o.keys.size()).first;
            o.keys.push_back(RecordOrigins::Key{std::move(key), {}, 0});
        }
        RecordOrigins::Key &k = o.keys[found->second];
        ++k.total;
        // A partition's records come in input order, so one line's records of a key are adjacent.
        if (!k.lines.empty() && k.lines.back().input == inputs[i])
            ++k.lines.back().count;
        else if (k.lines.size() < m_limits.originLinesPerKey && o.keptLines < m_limits.originLines) {
            k.lines.push_back(Occurrence{inputs[i], 1});
            ++o.keptLines;
        } else if (k.lastDropped != inputs[i]) {
            ++k.moreLines; // a line, however many records of the key it gave
            k.lastDropped = inputs[i];
        }
    }
    if (top.total > 0) o.partitionTops.push_back(std::move(top));
    e.originsShared.reset();
    e.changed = true;
}

void CaptureRecorder::recordFailure(int rddId, int split, const std::string &message)
{
    auto it = m_entries.find(rddId);
    if (it == m_entries.end()) return;
    (void)split; // the capture keeps one failure for the RDD, whichever partition raised
    if (it->second.capture.failure.empty()) it->second.capture.failure = message.empty() ? "task failed" : message;
    it->second.changed = true;
}

std::vector<RddCapture> CaptureRecorder::takeChanged(SimTime completedBatch)
{
    std::vector<RddCapture> out;
    for (auto &[id, e] : m_entries) {
        bool debugDone = false;
        for (const auto &[streamId, time] : e.owners) {
            if (!e.changed && time != completedBatch) continue;
            if (!debugDone) {
                // toDebugString and the graph now: cached partitions and a checkpoint cut show as they are.
                if (auto rdd = e.rdd.lock()) {
                    e.capture.debugString = rdd->toDebugString();
                    e.capture.lineage = std::make_shared<const LineageGraph>(captureLineage(*rdd, m_limits.lineageNodes));
                }
                e.capture.numericPairs = e.pairsOnly && e.capture.count() > 0;
                if (e.origins && !e.originsShared) e.originsShared = std::make_shared<const RecordOrigins>(*e.origins);
                e.capture.origins = e.originsShared;
                debugDone = true;
            }
            RddCapture c = e.capture;
            c.streamId = streamId;
            c.batchTime = time;
            out.push_back(std::move(c));
        }
        e.changed = false;
    }
    std::sort(out.begin(), out.end(), [](const RddCapture &a, const RddCapture &b) {
        return std::tie(a.batchTime, a.streamId, a.rddId) < std::tie(b.batchTime, b.streamId, b.rddId);
    });
    return out;
}

} // namespace dsl
