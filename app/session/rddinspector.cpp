// RddInspector: side-effect-free recomputation of an RDD's partitions for display.
#include "rddinspector.h"

#include "engine/rdds.h"

#include <algorithm>
#include <functional>
#include <map>

namespace dsl::session {

RddBoxSnapshot RddInspector::describe(const RDDPtr &rdd)
{
    RddBoxSnapshot box;
    box.rddId = rdd->id();
    box.className = rdd->className();
    box.scope = rdd->scope();
    box.numPartitions = rdd->numPartitions();
    box.debugString = rdd->toDebugString();
    return box;
}

namespace {

bool fullyCached(const RDD &r)
{
    return r.storageLevel() != StorageLevel::NONE() && r.cachedPartitionCount() == r.numPartitions();
}

/// True when reading `rdd` through iterator() touches only what the run already holds.
bool readable(const RDDPtr &rdd, std::map<const RDD *, bool> &memo)
{
    if (auto it = memo.find(rdd.get()); it != memo.end()) return it->second;
    bool ok = true;
    if (rdd->isCheckpointed() || fullyCached(*rdd)) {
        ok = true;
    } else if (rdd->storageLevel() != StorageLevel::NONE()) {
        ok = false; // reading would fill its cache
    } else if (auto *b = dynamic_cast<const BlockRDD *>(rdd.get())) {
        ok = b->isValid();
    } else {
        for (const auto &d : rdd->dependencies()) {
            if (d.isShuffle) ok = ok && d.outputs && d.outputs->complete();
            else ok = ok && readable(d.rdd, memo);
            if (!ok) break;
        }
    }
    memo[rdd.get()] = ok;
    return ok;
}

} // namespace

bool RddInspector::canRecompute(const RDDPtr &rdd)
{
    std::map<const RDD *, bool> memo;
    if (rdd->isCheckpointed() || fullyCached(*rdd)) return true;
    // A persisted RDD itself may be computed straight (compute(), not iterator()): its own
    // cache stays untouched; its parents must be readable.
    if (auto *b = dynamic_cast<const BlockRDD *>(rdd.get())) return b->isValid();
    for (const auto &d : rdd->dependencies()) {
        if (d.isShuffle) {
            if (!d.outputs || !d.outputs->complete()) return false;
        } else if (!readable(d.rdd, memo)) {
            return false;
        }
    }
    return true;
}

void RddInspector::compute(const RDDPtr &rdd, SimTime batchTime, RddBoxSnapshot &box,
                           std::vector<KeyCount> *keyCounts) const
{
    if (!canRecompute(rdd)) {
        box.status = RddBoxSnapshot::Status::Unknown;
        return;
    }
    const bool viaIterator = rdd->isCheckpointed() || fullyCached(*rdd) || rdd->storageLevel() == StorageLevel::NONE();
    box.partitionCounts.assign(static_cast<std::size_t>(rdd->numPartitions()), 0);
    box.count = 0;
    box.records.clear();
    bool allPairs = keyCounts != nullptr;
    std::vector<KeyCount> pairs;
    try {
        for (int p = 0; p < rdd->numPartitions(); ++p) {
            TaskContext ctx;
            ctx.partitionId = p;
            ctx.batchTime = batchTime;
            Records recs = viaIterator ? rdd->iterator(p, ctx) : rdd->compute(p, ctx);
            box.partitionCounts[static_cast<std::size_t>(p)] = static_cast<std::int64_t>(recs.size());
            box.count += static_cast<std::int64_t>(recs.size());
            for (const auto &v : recs) {
                if (box.records.size() < m_limits.shownRecords) box.records.push_back(v.repr());
                if (allPairs) {
                    if (!v.isPair() || !v.value().isNumber()) {
                        allPairs = false;
                        pairs.clear();
                    } else if (pairs.size() < m_limits.keyCounts) {
                        const Value &k = v.key();
                        pairs.push_back(KeyCount{k.isStr() ? std::string(k.asStr()) : k.repr(), v.value().asFloat()});
                    }
                }
            }
        }
    } catch (const std::exception &e) {
        box.status = RddBoxSnapshot::Status::Failed;
        box.error = e.what();
        return;
    }
    box.recordsTruncated = static_cast<std::int64_t>(box.records.size()) < box.count;
    box.status = RddBoxSnapshot::Status::Computed;
    if (allPairs && keyCounts && box.count > 0) {
        std::stable_sort(pairs.begin(), pairs.end(), [](const KeyCount &a, const KeyCount &b) {
            if (a.count != b.count) return a.count > b.count;
            return a.key < b.key;
        });
        *keyCounts = std::move(pairs);
    }
}

} // namespace dsl::session
